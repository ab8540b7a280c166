package io.releaseledger.ledger;

import java.util.Arrays;

/**
 * What history needs of every event, column by column in primitive arrays (about 40 bytes an event): time,
 * type, environment, version, {@code from}, actor, origin, build number, reason and flags. Strings are ids in
 * the read model's dictionaries, -1 for none. The event with sequence number {@code n} is row {@code n - 1}.
 */
final class EventColumns {
    static final int FAILED = 1;
    static final int AUTOMATIC = 2;
    static final int ROLLBACK = 4;

    long[] time = new long[1024];
    int[] type = new int[1024];
    int[] environment = new int[1024];
    int[] version = new int[1024];
    int[] from = new int[1024];
    int[] actor = new int[1024];
    int[] origin = new int[1024];
    int[] number = new int[1024];
    int[] reason = new int[1024];
    byte[] flags = new byte[1024];
    int size;

    /** Makes room for one more row and returns its index. */
    int add() {
        if (size == time.length) {
            grow(size + (size >> 1));
        }
        return size++;
    }

    void ensureCapacity(final int capacity) {
        if (capacity > time.length) {
            grow(capacity);
        }
    }

    private void grow(final int capacity) {
        time = Arrays.copyOf(time, capacity);
        type = Arrays.copyOf(type, capacity);
        environment = Arrays.copyOf(environment, capacity);
        version = Arrays.copyOf(version, capacity);
        from = Arrays.copyOf(from, capacity);
        actor = Arrays.copyOf(actor, capacity);
        origin = Arrays.copyOf(origin, capacity);
        number = Arrays.copyOf(number, capacity);
        reason = Arrays.copyOf(reason, capacity);
        flags = Arrays.copyOf(flags, capacity);
    }
}
