package io.releaseledger.descriptor;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Passes the parser's events to the composer and stops at what the composer must never see: nesting deeper than
 * {@link #MAX_DEPTH} (the composer recurses once per level, so thousands of '[' end in a StackOverflowError) and merge
 * keys (the composer applies them before any node reaches {@link YamlParser}).
 */
final class GuardedEvents implements Parser {
    /** Far beyond any real descriptor (about 6 levels), far below what the composer's recursion can take. */
    static final int MAX_DEPTH = 100;

    private final Parser events;
    /** Per open collection: the number of its children begun, or -1 for a sequence. Even counts mean "a key next". */
    private final Deque<int[]> open = new ArrayDeque<>();

    GuardedEvents(final Parser events) {
        this.events = events;
    }

    @Override
    public boolean checkEvent(final Event.ID choice) {
        return events.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return events.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return events.hasNext();
    }

    @Override
    public Event next() {
        Event event = events.next();
        switch (event.getEventId()) {
            case Scalar, Alias -> beginNode(event);
            case SequenceStart, MappingStart -> {
                beginNode(event);
                open.push(new int[] {event.getEventId() == Event.ID.SequenceStart ? -1 : 0});
                if (open.size() > MAX_DEPTH) {
                    throw new Refused(event.getStartMark(), "the document is nested deeper than " + MAX_DEPTH
                            + " levels; a release descriptor needs far fewer");
                }
            }
            case SequenceEnd, MappingEnd -> open.pop();
            default -> {
                // stream and document events do not nest
            }
        }
        return event;
    }

    private void beginNode(final Event event) {
        int[] parent = open.peek();
        if (parent == null || parent[0] < 0) {
            return;
        }
        boolean key = parent[0] % 2 == 0;
        parent[0]++;
        if (key && event instanceof ScalarEvent scalar && isMergeKey(scalar)) {
            throw new Refused(event.getStartMark(), "merge keys ('<<') are not supported; repeat the values or use an "
                    + "alias (*name) for a whole value");
        }
    }

    private static boolean isMergeKey(final ScalarEvent scalar) {
        return "<<".equals(scalar.getValue()) || scalar.getTag().filter(Tag.MERGE.getValue()::equals).isPresent();
    }

    /** Ends the load: the composer's work so far is of no use. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient Optional<Mark> mark;

        Refused(final Optional<Mark> mark, final String message) {
            super(message, null, false, false);
            this.mark = mark;
        }

        Optional<Mark> getMark() {
            return mark;
        }
    }
}
