package io.releaseledger.ledger;

import io.releaseledger.json.Json;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The read model in a compact binary form for the checkpoint: dictionaries, then the history columns
 * (times as deltas, ids as variable-length ints), then the state. Nested JSON values (images, check results)
 * travel as JSON text.
 */
final class ModelCodec {
    private static final int MAGIC = 0x524c4d31; // "RLM1"

    private ModelCodec() {
    }

    static void write(final ReadModel model, final OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        for (Dictionary dictionary : List.of(model.strings, model.environments, model.actors, model.origins)) {
            varint(out, dictionary.size());
            for (String value : dictionary.values()) {
                string(out, value);
            }
        }
        EventColumns columns = model.columns;
        int size = columns.size;
        varint(out, size);
        long previous = 0;
        for (int row = 0; row < size; row++) {
            long time = columns.time[row];
            varlong(out, zigzag(time == ReadModel.NO_TIME ? 0 : time - previous));
            out.writeByte(time == ReadModel.NO_TIME ? 1 | columns.flags[row] << 1 : columns.flags[row] << 1);
            previous = time == ReadModel.NO_TIME ? previous : time;
        }
        for (int[] column : new int[][] {columns.type, columns.environment, columns.version, columns.from,
                columns.actor, columns.origin, columns.reason}) {
            for (int row = 0; row < size; row++) {
                varint(out, column[row] + 1);
            }
        }
        for (int row = 0; row < size; row++) {
            varlong(out, zigzag(columns.number[row]));
        }
        varint(out, model.states.size());
        for (ReadModel.EnvironmentState state : model.states) {
            writeDeployment(out, state.current);
            writeLock(out, state.lock);
            varint(out, state.checks.size());
            for (ReadModel.CheckState check : state.checks.values()) {
                string(out, check.version());
                out.writeBoolean(check.passed());
                out.writeLong(check.time());
                string(out, check.results() == null ? null : Json.write(check.results()));
            }
            varint(out, state.started.size());
            for (Map.Entry<String, ReadModel.Started> started : state.started.entrySet()) {
                string(out, started.getKey());
                string(out, started.getValue().version());
                string(out, started.getValue().commit());
                json(out, started.getValue().image());
            }
        }
        varint(out, model.releases.size());
        for (ReadModel.Release release : model.releases.values()) {
            string(out, release.version);
            out.writeBoolean(release.tagged);
            string(out, release.tag);
            string(out, release.commit);
            string(out, release.repositoryUrl);
            out.writeLong(release.taggedAt);
            varint(out, release.commitIds.length);
            for (int i = 0; i < release.commitIds.length; i++) {
                string(out, release.commitIds[i]);
                string(out, release.commitSubjects[i]);
            }
            string(out, release.deployedCommit);
            json(out, release.image);
        }
        varint(out, model.bad.size());
        for (ReadModel.BadMark mark : model.bad.values()) {
            string(out, mark.version());
            string(out, mark.reason());
            varint(out, mark.actor() + 1);
            out.writeLong(mark.time());
        }
        out.writeLong(model.unknownEvents);
        out.writeLong(model.lastSequence);
        string(out, model.lastHash);
        out.writeInt(MAGIC);
        out.flush();
    }

    static ReadModel read(final InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        check(in.readInt() == MAGIC, "not a read model");
        ReadModel model = new ReadModel();
        Dictionary[] dictionaries = {model.strings, model.environments, model.actors, model.origins};
        for (Dictionary dictionary : dictionaries) {
            int count = varint(in);
            for (int i = 0; i < count; i++) {
                String value = string(in);
                check(value != null, "null in a dictionary");
                if (dictionary == model.environments) {
                    model.environment(value);
                } else {
                    dictionary.id(value);
                }
            }
        }
        EventColumns columns = model.columns;
        int size = varint(in);
        columns.ensureCapacity(size + 1024);
        long previous = 0;
        for (int row = 0; row < size; row++) {
            long delta = unzigzag(varlong(in));
            int flags = in.readByte() & 0xff;
            if ((flags & 1) != 0) {
                columns.time[row] = ReadModel.NO_TIME;
            } else {
                previous += delta;
                columns.time[row] = previous;
            }
            columns.flags[row] = (byte) (flags >> 1);
        }
        for (int[] column : new int[][] {columns.type, columns.environment, columns.version, columns.from,
                columns.actor, columns.origin, columns.reason}) {
            for (int row = 0; row < size; row++) {
                column[row] = varint(in) - 1;
            }
        }
        for (int row = 0; row < size; row++) {
            columns.number[row] = (int) unzigzag(varlong(in));
        }
        columns.size = size;
        int states = varint(in);
        check(states == model.states.size(), "environments do not match");
        for (ReadModel.EnvironmentState state : model.states) {
            state.current = readDeployment(in);
            state.lock = readLock(in);
            int checks = varint(in);
            for (int i = 0; i < checks; i++) {
                String version = string(in);
                boolean passed = in.readBoolean();
                long time = in.readLong();
                String results = string(in);
                state.checks.put(version, new ReadModel.CheckState(version, passed, time,
                        results == null ? null : list(Json.parse(results))));
            }
            int started = varint(in);
            for (int i = 0; i < started; i++) {
                String id = string(in);
                state.started.put(id, new ReadModel.Started(string(in), string(in), json(in)));
            }
        }
        int releases = varint(in);
        for (int i = 0; i < releases; i++) {
            ReadModel.Release release = model.release(string(in));
            release.tagged = in.readBoolean();
            release.tag = string(in);
            release.commit = string(in);
            release.repositoryUrl = string(in);
            release.taggedAt = in.readLong();
            int commits = varint(in);
            release.commitIds = new String[commits];
            release.commitSubjects = new String[commits];
            for (int c = 0; c < commits; c++) {
                release.commitIds[c] = string(in);
                release.commitSubjects[c] = string(in);
            }
            release.deployedCommit = string(in);
            release.image = json(in);
            if (release.tagged) {
                io.releaseledger.version.SemanticVersion.tryParse(release.version)
                        .ifPresent(parsed -> model.tagged.put(parsed, release));
            }
        }
        int bad = varint(in);
        for (int i = 0; i < bad; i++) {
            String version = string(in);
            model.bad.put(version, new ReadModel.BadMark(version, string(in), varint(in) - 1, in.readLong()));
        }
        model.unknownEvents = in.readLong();
        model.lastSequence = in.readLong();
        model.lastHash = string(in);
        check(in.readInt() == MAGIC, "truncated");
        check(model.lastSequence == size, "event count does not match the history");
        for (int row = 0; row < size; row++) {
            model.index(row);
        }
        return model;
    }

    private static void writeDeployment(final DataOutputStream out, final ReadModel.Deployment deployment)
            throws IOException {
        out.writeBoolean(deployment != null);
        if (deployment != null) {
            string(out, deployment.version());
            string(out, deployment.commit());
            json(out, deployment.image());
            varint(out, deployment.actor() + 1);
            varint(out, deployment.origin() + 1);
            out.writeInt(deployment.number());
            out.writeLong(deployment.time());
            string(out, deployment.via());
        }
    }

    private static ReadModel.Deployment readDeployment(final DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new ReadModel.Deployment(string(in), string(in), json(in), varint(in) - 1, varint(in) - 1,
                in.readInt(), in.readLong(), string(in));
    }

    private static void writeLock(final DataOutputStream out, final ReadModel.LockState lock) throws IOException {
        out.writeBoolean(lock != null);
        if (lock != null) {
            string(out, lock.lockId());
            string(out, lock.version());
            string(out, lock.purpose());
            varint(out, lock.actor() + 1);
            varint(out, lock.origin() + 1);
            out.writeInt(lock.number());
            out.writeLong(lock.time());
        }
    }

    private static ReadModel.LockState readLock(final DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new ReadModel.LockState(string(in), string(in), string(in), varint(in) - 1, varint(in) - 1,
                in.readInt(), in.readLong());
    }

    private static void json(final DataOutputStream out, final Map<String, Object> value) throws IOException {
        string(out, value == null ? null : Json.write(value));
    }

    private static Map<String, Object> json(final DataInputStream in) throws IOException {
        String text = string(in);
        return text == null ? null : Json.parseObject(text);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(final Object value) {
        check(value instanceof List, "check results are not a list");
        return (List<Object>) value;
    }

    private static void string(final DataOutputStream out, final String value) throws IOException {
        if (value == null) {
            varint(out, 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        varint(out, bytes.length + 1);
        out.write(bytes);
    }

    private static String string(final DataInputStream in) throws IOException {
        int length = varint(in) - 1;
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void varint(final DataOutputStream out, final int value) throws IOException {
        varlong(out, value & 0xffffffffL);
    }

    private static int varint(final DataInputStream in) throws IOException {
        long value = varlong(in);
        check(value >= 0 && value <= Integer.MAX_VALUE, "number out of range");
        return (int) value;
    }

    private static void varlong(final DataOutputStream out, final long value) throws IOException {
        long rest = value;
        while ((rest & ~0x7fL) != 0) {
            out.writeByte((int) (rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    private static long varlong(final DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed number");
    }

    private static long zigzag(final long value) {
        return value << 1 ^ value >> 63;
    }

    private static long unzigzag(final long value) {
        return value >>> 1 ^ -(value & 1);
    }

    private static void check(final boolean condition, final String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }
}
