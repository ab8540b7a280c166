package io.releaseledger.ledger;

import io.releaseledger.json.Json;
import io.releaseledger.version.SemanticVersion;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The read model in a compact binary form for the checkpoint, as a series of sections (each an int length and
 * that many bytes, all covered by one CRC-32) so that a reader decodes each from a byte array in a tight loop:
 * dictionaries; the history columns (times as varint deltas, ids at the narrowest fixed width that holds them);
 * the per-environment and per-release indexes (row deltas), so nothing is re-indexed; the state, with nested
 * JSON values (images, check results) in a small binary tagging instead of JSON text; and the releases, each
 * release's listed commits as one run of length-prefixed UTF-8 and then the count of all its commits (format 5).
 */
final class ModelCodec {
    private static final int MAGIC = 0x524c4d32; // "RLM2"
    private static final int MAX_SECTION = 1 << 30;
    private static final int TIMES_MAGIC = 0x524c4354; // "RLCT"

    private ModelCodec() {
    }

    // ---------------------------------------------------------------- writing

    static void write(final ReadModel model, final DataOutputStream out, final CRC32 crc) throws IOException {
        Block block = new Block(1 << 16);
        block.int32(MAGIC);
        for (Dictionary dictionary : List.of(model.strings, model.environments, model.actors, model.origins)) {
            block.varint(dictionary.size());
            for (String value : dictionary.values()) {
                block.string(value);
            }
        }
        section(out, crc, block);

        EventColumns columns = model.columns;
        int size = columns.size;
        block.varint(size);
        long previous = 0;
        for (int row = 0; row < size; row++) {
            long time = columns.time[row];
            boolean none = time == ReadModel.NO_TIME;
            block.varlong(zigzag(none ? 0 : time - previous));
            block.byte8(none ? 1 | columns.flags[row] << 1 : columns.flags[row] << 1);
            previous = none ? previous : time;
        }
        section(out, crc, block);
        for (int[] column : new int[][] {columns.type, columns.environment, columns.version, columns.from,
                columns.actor, columns.origin, columns.reason}) {
            fixed(block, column, size);
            section(out, crc, block);
        }
        for (int row = 0; row < size; row++) {
            block.varlong(zigzag(columns.number[row]));
        }
        section(out, crc, block);

        block.varint(model.byEnvironment.size());
        for (IntList rows : model.byEnvironment) {
            rows(block, rows);
        }
        block.varint(model.byRelease.size());
        for (Map.Entry<Integer, IntList> entry : model.byRelease.entrySet()) {
            block.varint(entry.getKey());
            rows(block, entry.getValue());
        }
        section(out, crc, block);

        block.varint(model.states.size());
        for (ReadModel.EnvironmentState state : model.states) {
            writeDeployment(block, state.current);
            writeMixed(block, state.mixed);
            writeLock(block, state.lock);
            block.varint(state.checks.size());
            for (ReadModel.CheckState check : state.checks.values()) {
                block.string(check.version());
                block.bool(check.passed());
                block.int64(check.time());
                block.value(check.results());
            }
            block.varint(state.started.size());
            for (Map.Entry<String, ReadModel.Started> started : state.started.entrySet()) {
                block.string(started.getKey());
                block.string(started.getValue().version());
                block.string(started.getValue().commit());
                block.value(started.getValue().image());
                block.value(started.getValue().configuration());
            }
            block.value(state.deployedConfiguration);
            block.string(state.changesSince);
            block.value(state.changes);
        }
        block.varint(model.bad.size());
        for (ReadModel.BadMark mark : model.bad.values()) {
            block.string(mark.version());
            block.string(mark.reason());
            block.varint(mark.actor() + 1);
            block.int64(mark.time());
        }
        block.int64(model.unknownEvents);
        block.int64(model.lastSequence);
        block.string(model.lastHash);
        section(out, crc, block);

        block.varint(model.releases.size());
        for (ReadModel.Release release : model.releases.values()) {
            block.string(release.version);
            block.bool(release.tagged);
            block.string(release.tag);
            block.string(release.commit);
            block.varint(model.strings.find(release.repositoryUrl) + 1);
            block.int64(release.taggedAt);
            block.varint(release.commitIds.length);
            for (int i = 0; i < release.commitIds.length; i++) {
                block.string(release.commitIds[i]);
                block.string(release.commitSubjects[i]);
            }
            block.varint(release.commitCount);
            block.string(release.deployedCommit);
            block.value(release.image);
            if (block.size() > 1 << 20) {
                section(out, crc, block);
            }
        }
        block.int32(MAGIC);
        section(out, crc, block);
        writeCommitTimes(model, out, crc, block);
        out.writeInt(0); // no more sections
    }

    /**
     * The optional last section: the releases' commit times (lead time, docs/metrics.md), written only when some
     * release has them, so that the checkpoint of a ledger without them stays what format 3 always was, and a reader
     * that does not know the section still reads those. Since format 5 a release may have more times than listed
     * commits (its {@code omittedCommitTimes}), up to its {@code commitCount}.
     */
    private static void writeCommitTimes(final ReadModel model, final DataOutputStream out, final CRC32 crc,
            final Block block) throws IOException {
        int count = 0;
        for (ReadModel.Release release : model.releases.values()) {
            count += release.commitTimes.length == 0 ? 0 : 1;
        }
        if (count == 0) {
            return;
        }
        block.int32(TIMES_MAGIC);
        block.varint(count);
        for (ReadModel.Release release : model.releases.values()) {
            if (release.commitTimes.length > 0) {
                block.string(release.version);
                block.varint(release.commitTimes.length);
                for (long time : release.commitTimes) {
                    block.int64(time);
                }
            }
        }
        block.int32(TIMES_MAGIC);
        section(out, crc, block);
    }

    private static void section(final DataOutputStream out, final CRC32 crc, final Block block) throws IOException {
        out.writeInt(block.size());
        out.write(block.bytes, 0, block.size());
        crc.update(block.bytes, 0, block.size());
        block.reset();
    }

    /** Values + 1 (so that -1 is 0) at the narrowest width of 1, 2 or 4 bytes that holds them all. */
    private static void fixed(final Block block, final int[] column, final int size) {
        int max = 0;
        for (int row = 0; row < size; row++) {
            max = Math.max(max, column[row] + 1);
        }
        int width = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
        block.byte8(width);
        block.ensure(size * width);
        for (int row = 0; row < size; row++) {
            int value = column[row] + 1;
            if (width == 4) {
                block.int32(value);
            } else if (width == 2) {
                block.byte8(value >>> 8);
                block.byte8(value);
            } else {
                block.byte8(value);
            }
        }
    }

    private static void rows(final Block block, final IntList rows) {
        block.varint(rows.size());
        int previous = 0;
        for (int i = 0; i < rows.size(); i++) {
            block.varint(rows.get(i) - previous);
            previous = rows.get(i);
        }
    }

    private static void writeDeployment(final Block block, final ReadModel.Deployment deployment) {
        block.bool(deployment != null);
        if (deployment != null) {
            block.string(deployment.version());
            block.string(deployment.commit());
            block.value(deployment.image());
            block.varint(deployment.actor() + 1);
            block.varint(deployment.origin() + 1);
            block.int32(deployment.number());
            block.int64(deployment.time());
            block.string(deployment.via());
        }
    }

    private static void writeMixed(final Block block, final ReadModel.Mixed mixed) {
        block.bool(mixed != null);
        if (mixed != null) {
            block.string(mixed.version());
            block.string(mixed.deploymentId());
            block.string(mixed.reason());
            block.varint(mixed.actor() + 1);
            block.varint(mixed.origin() + 1);
            block.int32(mixed.number());
            block.int64(mixed.time());
        }
    }

    private static void writeLock(final Block block, final ReadModel.LockState lock) {
        block.bool(lock != null);
        if (lock != null) {
            block.string(lock.lockId());
            block.string(lock.version());
            block.string(lock.purpose());
            block.varint(lock.actor() + 1);
            block.varint(lock.origin() + 1);
            block.int32(lock.number());
            block.int64(lock.time());
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a model written by {@link #write}.
     *
     * @param limit the most bytes a section may have (what is left of the file)
     * @throws IOException or a runtime exception when the sections are not a model
     */
    static ReadModel read(final DataInputStream in, final CRC32 crc, final long limit) throws IOException {
        Sections sections = new Sections(in, crc, limit);
        ReadModel model = new ReadModel();
        Reader block = sections.next();
        check(block.int32() == MAGIC, "not a read model");
        Dictionary[] dictionaries = {model.strings, model.environments, model.actors, model.origins};
        for (Dictionary dictionary : dictionaries) {
            int count = block.count();
            for (int i = 0; i < count; i++) {
                String value = block.string();
                check(value != null, "null in a dictionary");
                if (dictionary == model.environments) {
                    model.environment(value);
                } else {
                    dictionary.id(value);
                }
                check(dictionary.size() == i + 1, "a dictionary holds a value twice");
            }
        }
        block.end();

        EventColumns columns = model.columns;
        block = sections.next();
        int size = block.count();
        columns.ensureCapacity(size + 1024);
        long previous = 0;
        long[] time = columns.time;
        byte[] flags = columns.flags;
        for (int row = 0; row < size; row++) {
            long delta = unzigzag(block.varlong());
            int flag = block.byte8();
            if ((flag & 1) != 0) {
                time[row] = ReadModel.NO_TIME;
            } else {
                previous += delta;
                time[row] = previous;
            }
            flags[row] = (byte) (flag >> 1);
        }
        block.end();
        int[] limits = {model.strings.size(), model.environments.size(), model.strings.size(), model.strings.size(),
            model.actors.size(), model.origins.size(), model.strings.size()};
        int[][] targets = {columns.type, columns.environment, columns.version, columns.from, columns.actor,
            columns.origin, columns.reason};
        for (int c = 0; c < targets.length; c++) {
            block = sections.next();
            readFixed(block, targets[c], size, limits[c]);
            block.end();
        }
        block = sections.next();
        int[] number = columns.number;
        for (int row = 0; row < size; row++) {
            number[row] = (int) unzigzag(block.varlong());
        }
        block.end();
        columns.size = size;

        block = sections.next();
        int environments = block.count();
        check(environments == model.byEnvironment.size(), "environments do not match");
        for (int env = 0; env < environments; env++) {
            model.byEnvironment.set(env, readRows(block, size));
        }
        int releases = block.count();
        for (int i = 0; i < releases; i++) {
            int key = block.count();
            check(key < model.strings.size(), "a release index names no string");
            model.byRelease.put(key, readRows(block, size));
        }
        block.end();

        block = sections.next();
        int states = block.count();
        check(states == model.states.size(), "environments do not match");
        for (ReadModel.EnvironmentState state : model.states) {
            state.current = readDeployment(block);
            state.mixed = readMixed(block);
            state.lock = readLock(block);
            int checks = block.count();
            for (int i = 0; i < checks; i++) {
                String version = block.string();
                boolean passed = block.bool();
                long at = block.int64();
                state.checks.put(version, new ReadModel.CheckState(version, passed, at, list(block.value())));
            }
            int started = block.count();
            for (int i = 0; i < started; i++) {
                String id = block.string();
                state.started.put(id, new ReadModel.Started(block.string(), block.string(), map(block.value()),
                        map(block.value())));
            }
            state.deployedConfiguration = map(block.value());
            state.changesSince = block.string();
            state.changes = changes(block.value());
        }
        int bad = block.count();
        for (int i = 0; i < bad; i++) {
            String version = block.string();
            model.bad.put(version, new ReadModel.BadMark(version, block.string(), block.count() - 1,
                    block.int64()));
        }
        model.unknownEvents = block.int64();
        model.lastSequence = block.int64();
        model.lastHash = block.string();
        block.end();
        check(model.lastSequence == size, "event count does not match the history");

        block = sections.next();
        int count = block.count();
        for (int i = 0; i < count; i++) {
            while (block.remaining() == 0) {
                block = sections.next();
            }
            readRelease(model, block);
        }
        while (block.remaining() == 0) {
            block = sections.next();
        }
        check(block.int32() == MAGIC, "truncated");
        block.end();
        Reader times = sections.nextOrNone();
        if (times != null) {
            readCommitTimes(model, times);
            check(sections.last(), "more than a read model");
        }
        model.delivery.rebuild(model);
        return model;
    }

    private static void readCommitTimes(final ReadModel model, final Reader block) {
        check(block.int32() == TIMES_MAGIC, "not the releases' commit times");
        int count = block.count();
        for (int i = 0; i < count; i++) {
            ReadModel.Release release = model.releases.get(block.string());
            check(release != null, "commit times of a release the model lacks");
            int commits = block.count();
            // the listed commits' times, then those of the commits a long release left out
            check(commits >= release.commitIds.length && commits <= release.commitCount,
                    "commit times do not match the release's commits");
            long[] times = new long[commits];
            for (int c = 0; c < commits; c++) {
                times[c] = block.int64();
            }
            release.commitTimes = times;
        }
        check(block.int32() == TIMES_MAGIC, "truncated commit times");
        block.end();
    }

    private static void readRelease(final ReadModel model, final Reader block) {
        String version = block.string();
        check(version != null, "a release without a version");
        ReadModel.Release release = model.release(version);
        release.tagged = block.bool();
        release.tag = block.string();
        release.commit = block.string();
        int url = block.count() - 1;
        check(url < model.strings.size(), "a repository URL names no string");
        release.repositoryUrl = model.strings.get(url);
        release.taggedAt = block.int64();
        int commits = block.count();
        String[] ids = new String[commits];
        String[] subjects = new String[commits];
        for (int c = 0; c < commits; c++) {
            ids[c] = block.string();
            subjects[c] = block.string();
        }
        release.commitIds = ids;
        release.commitSubjects = subjects;
        release.commitCount = block.count();
        check(release.commitCount >= commits, "fewer commits counted than listed");
        release.deployedCommit = block.string();
        release.image = map(block.value());
        if (release.tagged) {
            SemanticVersion.tryParse(release.version).ifPresent(parsed -> model.tagged.put(parsed, release));
        }
    }

    private static void readFixed(final Reader block, final int[] column, final int size, final int limit) {
        int width = block.byte8();
        check(width == 1 || width == 2 || width == 4, "not a column");
        check(block.remaining() == (long) size * width, "a column of another length");
        byte[] bytes = block.bytes;
        int at = block.position;
        int max = 0;
        if (width == 1) {
            for (int row = 0; row < size; row++) {
                int value = bytes[at++] & 0xff;
                max = Math.max(max, value);
                column[row] = value - 1;
            }
        } else if (width == 2) {
            for (int row = 0; row < size; row++) {
                int value = (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
                at += 2;
                max = Math.max(max, value);
                column[row] = value - 1;
            }
        } else {
            for (int row = 0; row < size; row++) {
                int value = (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                        | bytes[at + 3] & 0xff;
                at += 4;
                check(value >= 0, "an id out of range");
                max = Math.max(max, value);
                column[row] = value - 1;
            }
        }
        check(max <= limit, "an id names no dictionary entry");
        block.position = at;
    }

    private static IntList readRows(final Reader block, final int size) {
        int count = block.count();
        check(count <= size, "an index longer than the history");
        int[] rows = new int[Math.max(count, 4)];
        int row = 0;
        for (int i = 0; i < count; i++) {
            row += block.count();
            check(row < size && (i == 0 || row > rows[i - 1]), "an index out of order");
            rows[i] = row;
        }
        return new IntList(rows, count);
    }

    private static ReadModel.Deployment readDeployment(final Reader block) {
        if (!block.bool()) {
            return null;
        }
        return new ReadModel.Deployment(block.string(), block.string(), map(block.value()), block.count() - 1,
                block.count() - 1, block.int32(), block.int64(), block.string());
    }

    private static ReadModel.Mixed readMixed(final Reader block) {
        if (!block.bool()) {
            return null;
        }
        return new ReadModel.Mixed(block.string(), block.string(), block.string(), block.count() - 1,
                block.count() - 1, block.int32(), block.int64());
    }

    private static ReadModel.LockState readLock(final Reader block) {
        if (!block.bool()) {
            return null;
        }
        return new ReadModel.LockState(block.string(), block.string(), block.string(), block.count() - 1,
                block.count() - 1, block.int32(), block.int64());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value) {
        check(value == null || value instanceof Map, "not an object");
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> changes(final Object value) {
        check(value == null || value instanceof List, "configuration changes are not a list");
        if (value != null) {
            for (Object change : (List<Object>) value) {
                check(change instanceof Map, "a configuration change is not an object");
            }
        }
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(final Object value) {
        check(value == null || value instanceof List, "check results are not a list");
        return (List<Object>) value;
    }

    private static long zigzag(final long value) {
        return value << 1 ^ value >> 63;
    }

    private static long unzigzag(final long value) {
        return value >>> 1 ^ -(value & 1);
    }

    static void check(final boolean condition, final String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    // ---------------------------------------------------------------- blocks

    private static final int NULL = 0;
    private static final int STRING = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 3;
    private static final int TRUE = 4;
    private static final int FALSE = 5;
    private static final int OBJECT = 6;
    private static final int ARRAY = 7;
    private static final int JSON = 8;

    /** A growable byte array written big-endian, with varints and length-prefixed UTF-8 ({@code 0} = null). */
    private static final class Block {
        byte[] bytes;
        private int size;

        Block(final int capacity) {
            bytes = new byte[capacity];
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
            if (bytes.length > 4 << 20) {
                bytes = new byte[1 << 16];
            }
        }

        void ensure(final int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
        }

        void byte8(final int value) {
            ensure(1);
            bytes[size++] = (byte) value;
        }

        void bool(final boolean value) {
            byte8(value ? 1 : 0);
        }

        void int32(final int value) {
            ensure(4);
            bytes[size++] = (byte) (value >>> 24);
            bytes[size++] = (byte) (value >>> 16);
            bytes[size++] = (byte) (value >>> 8);
            bytes[size++] = (byte) value;
        }

        void int64(final long value) {
            int32((int) (value >>> 32));
            int32((int) value);
        }

        void varint(final int value) {
            varlong(value & 0xffffffffL);
        }

        void varlong(final long value) {
            ensure(10);
            long rest = value;
            while ((rest & ~0x7fL) != 0) {
                bytes[size++] = (byte) (rest & 0x7f | 0x80);
                rest >>>= 7;
            }
            bytes[size++] = (byte) rest;
        }

        void string(final String value) {
            if (value == null) {
                varint(0);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length + 1);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        /** A JSON value (as {@code Json.parse} gives them) with a tag byte, without JSON text. */
        void value(final Object value) {
            if (value == null) {
                byte8(NULL);
            } else if (value instanceof String text) {
                byte8(STRING);
                string(text);
            } else if (value instanceof Long number) {
                byte8(LONG);
                varlong(zigzag(number));
            } else if (value instanceof Double number) {
                byte8(DOUBLE);
                int64(Double.doubleToRawLongBits(number));
            } else if (value instanceof Boolean bool) {
                byte8(bool ? TRUE : FALSE);
            } else if (value instanceof LinkedHashMap<?, ?> map) {
                byte8(OBJECT);
                varint(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    string((String) entry.getKey());
                    value(entry.getValue());
                }
            } else if (value instanceof ArrayList<?> list) {
                byte8(ARRAY);
                varint(list.size());
                for (Object item : list) {
                    value(item);
                }
            } else {
                byte8(JSON);
                string(Json.write(value));
            }
        }
    }

    /** Reads a block without locks or virtual calls per byte. */
    private static final class Reader {
        final byte[] bytes;
        int position;
        private final int end;

        Reader(final byte[] bytes, final int end) {
            this.bytes = bytes;
            this.end = end;
        }

        int remaining() {
            return end - position;
        }

        void end() {
            check(position == end, "a section of another length");
        }

        int byte8() {
            check(position < end, "truncated");
            return bytes[position++] & 0xff;
        }

        boolean bool() {
            int value = byte8();
            check(value <= 1, "not a boolean");
            return value == 1;
        }

        int int32() {
            check(end - position >= 4, "truncated");
            int value = (bytes[position] & 0xff) << 24 | (bytes[position + 1] & 0xff) << 16
                    | (bytes[position + 2] & 0xff) << 8 | bytes[position + 3] & 0xff;
            position += 4;
            return value;
        }

        long int64() {
            return (long) int32() << 32 | int32() & 0xffffffffL;
        }

        long varlong() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                check(position < end, "truncated");
                int b = bytes[position++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalStateException("malformed number");
        }

        /** A varint between 0 and {@code Integer.MAX_VALUE}. */
        int count() {
            long value = varlong();
            check(value >= 0 && value <= Integer.MAX_VALUE, "number out of range");
            return (int) value;
        }

        String string() {
            int length = count() - 1;
            if (length < 0) {
                return null;
            }
            check(length <= end - position, "truncated");
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        Object value() {
            int tag = byte8();
            switch (tag) {
                case NULL:
                    return null;
                case STRING:
                    return string();
                case LONG:
                    return unzigzag(varlong());
                case DOUBLE:
                    return Double.longBitsToDouble(int64());
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case OBJECT: {
                    int count = count();
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < count; i++) {
                        String key = string();
                        check(key != null, "an object key is null");
                        map.put(key, value());
                    }
                    return map;
                }
                case ARRAY: {
                    int count = count();
                    List<Object> list = new ArrayList<>(Math.min(count, 1024));
                    for (int i = 0; i < count; i++) {
                        list.add(value());
                    }
                    return list;
                }
                case JSON:
                    return Json.parse(string());
                default:
                    throw new IllegalStateException("unknown value tag " + tag);
            }
        }
    }

    /** Length-prefixed sections from the stream, each checked against {@code limit} and added to the CRC. */
    private static final class Sections {
        private final DataInputStream in;
        private final CRC32 crc;
        private long left;

        Sections(final DataInputStream in, final CRC32 crc, final long limit) {
            this.in = in;
            this.crc = crc;
            this.left = limit;
        }

        /** Whether the sections end here. */
        boolean last() throws IOException {
            left -= 4;
            return in.readInt() == 0;
        }

        /** The next section. */
        Reader next() throws IOException {
            return read(in.readInt());
        }

        /** The next section, or {@code null} when the sections end here. */
        Reader nextOrNone() throws IOException {
            int length = in.readInt();
            if (length == 0) {
                left -= 4;
                return null;
            }
            return read(length);
        }

        private Reader read(final int length) throws IOException {
            left -= 4;
            check(length > 0 && length <= MAX_SECTION && length <= left, "a section longer than the file");
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            crc.update(bytes, 0, length);
            left -= length;
            return new Reader(bytes, length);
        }
    }
}
