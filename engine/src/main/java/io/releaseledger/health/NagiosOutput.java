package io.releaseledger.health;

import java.util.List;

/**
 * A Nagios plugin's output: {@code TEXT | perfdata} on the first line, optional long text on the next lines, and
 * more performance data after a {@code |} in them.
 */
final class NagiosOutput {
    private final String text;
    private final List<PerfDatum> perfData;

    private NagiosOutput(final String text, final List<PerfDatum> perfData) {
        this.text = text;
        this.perfData = perfData;
    }

    static NagiosOutput parse(final String output) {
        String[] lines = output.strip().split("\\R", -1);
        String first = lines[0];
        int bar = first.indexOf('|');
        String text = (bar < 0 ? first : first.substring(0, bar)).strip();
        StringBuilder perf = new StringBuilder(bar < 0 ? "" : first.substring(bar + 1));
        boolean inPerf = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (inPerf) {
                perf.append(' ').append(line);
            } else if (line.indexOf('|') >= 0) {
                perf.append(' ').append(line.substring(line.indexOf('|') + 1));
                inPerf = true;
            }
        }
        return new NagiosOutput(text, PerfDatum.parse(perf.toString()));
    }

    /** The status text of the first line. */
    String getText() {
        return text;
    }

    List<PerfDatum> getPerfData() {
        return perfData;
    }
}
