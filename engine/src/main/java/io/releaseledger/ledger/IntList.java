package io.releaseledger.ledger;

import java.util.Arrays;

/** A growable array of ints: the compact indexes of the read model. */
final class IntList {
    private int[] values;
    private int size;

    IntList() {
        this(8);
    }

    IntList(final int capacity) {
        values = new int[Math.max(capacity, 4)];
    }

    /** A list of the first {@code size} values of {@code values}, which it takes over. */
    IntList(final int[] values, final int size) {
        this.values = values;
        this.size = size;
    }

    void add(final int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1));
        }
        values[size++] = value;
    }

    int get(final int index) {
        return values[index];
    }

    int size() {
        return size;
    }
}
