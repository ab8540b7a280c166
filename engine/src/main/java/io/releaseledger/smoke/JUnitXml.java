package io.releaseledger.smoke;

import io.releaseledger.health.CheckResult;
import io.releaseledger.health.SecretMask;

import java.util.List;
import java.util.Locale;

/**
 * A {@link SmokeReport} as one JUnit XML {@code testsuite}, the format Jenkins' JUnit plugin reads. Every text is
 * masked, then escaped: masking the finished document could cut through its markup.
 */
final class JUnitXml {
    private final String suite;
    private final SmokeReport report;
    private final SecretMask mask;

    JUnitXml(final String suite, final SmokeReport report, final SecretMask mask) {
        this.suite = suite;
        this.report = report;
        this.mask = mask;
    }

    @Override
    public String toString() {
        List<CheckResult> results = report.getResults();
        int failures = 0;
        int skipped = 0;
        for (int i = 0; i < results.size(); i++) {
            if (report.isSkipped(i)) {
                skipped++;
            } else if (!results.get(i).isPassed()) {
                failures++;
            }
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(escape(suite)).append("\" tests=\"").append(results.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped)
                .append("\" time=\"").append(seconds(report.getTotal().toMillis())).append("\">\n");
        for (int i = 0; i < results.size(); i++) {
            testcase(xml, results.get(i), report.isSkipped(i));
        }
        xml.append("  <system-out>").append(escape(report.summary())).append("</system-out>\n");
        xml.append("</testsuite>\n");
        return xml.toString();
    }

    private void testcase(final StringBuilder xml, final CheckResult result, final boolean skipped) {
        String name = result.getName() + (result.getTarget() == null ? "" : " @ " + result.getTarget());
        xml.append("  <testcase name=\"").append(escape(name)).append("\" classname=\"")
                .append(escape("smoke." + result.getKind())).append("\" time=\"")
                .append(seconds(result.getMillis())).append('"');
        if (result.isPassed() && !result.isWarning()) {
            xml.append("/>\n");
            return;
        }
        xml.append(">\n");
        if (skipped) {
            xml.append("    <skipped message=\"").append(escape(result.getDetail())).append("\"/>\n");
        } else if (!result.isPassed()) {
            xml.append("    <failure message=\"").append(escape(result.getDetail())).append("\" type=\"")
                    .append(escape(result.getKind())).append("\">").append(escape(body(result)))
                    .append("</failure>\n");
        } else {
            xml.append("    <system-out>").append(escape("WARNING: " + result.getDetail())).append("</system-out>\n");
        }
        xml.append("  </testcase>\n");
    }

    private String body(final CheckResult result) {
        StringBuilder text = new StringBuilder();
        if (result.getExpected() != null) {
            text.append("expected: ").append(result.getExpected()).append('\n');
        }
        if (result.getActual() != null) {
            text.append("actual: ").append(result.getActual()).append('\n');
        }
        if (result.getAttempt() > 0) {
            text.append("attempt: ").append(result.getAttempt()).append('\n');
        }
        if (result.getAttachment() != null) {
            text.append("attachment: ").append(result.getAttachment()).append('\n');
        }
        return text.append(result.getDetail()).toString();
    }

    private static String seconds(final long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** The text masked, then escaped. */
    private String escape(final String text) {
        return xml(mask.apply(text));
    }

    /** Escapes markup and drops the characters XML 1.0 cannot hold. */
    static String xml(final String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&apos;");
                    break;
                default:
                    if (c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                            || c >= 0x10000 && c <= 0x10FFFF) {
                        out.appendCodePoint(c);
                    }
            }
        });
        return out.toString();
    }
}
