package io.releaseledger.commits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConventionalCommitTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "feat: add login|MINOR",
            "FEAT: shout|MINOR",
            "Fix(parser): off by one|PATCH",
            "fix!: drop old API|MAJOR",
            "feat(api)!: new contract|MAJOR",
            "chore: bump deps|NONE",
            "docs(readme): typo|NONE",
            "Merge branch 'feature/x'|NONE",
            "just some text|NONE",
            "feat:missing space|NONE",
            "feat : space before colon|NONE",
            "feat(): empty scope|MINOR"})
    void shouldReadTheBumpFromTheHeader(final String subject, final Bump expected) {
        assertThat(ConventionalCommit.parse(subject).bump(Bump.NONE)).isEqualTo(expected);
    }

    @Test
    void shouldReadTypeScopeAndDescription() {
        ConventionalCommit commit = ConventionalCommit.parse("Feat(Api): add /health\n\nbody text\n");

        assertThat(commit.isConventional()).isTrue();
        assertThat(commit.getType()).isEqualTo("feat");
        assertThat(commit.getScope()).hasValue("Api");
        assertThat(commit.getDescription()).isEqualTo("add /health");
        assertThat(commit.getSubject()).isEqualTo("Feat(Api): add /health");
        assertThat(commit.isBreaking()).isFalse();
    }

    @Test
    void shouldFindBreakingChangeFootersOfBothSpellings() {
        assertThat(ConventionalCommit.parse("fix: x\n\nBREAKING CHANGE: config key renamed").isBreaking()).isTrue();
        assertThat(ConventionalCommit.parse("fix: x\n\nsome body\n\nBREAKING-CHANGE: removed").isBreaking()).isTrue();
        assertThat(ConventionalCommit.parse("fix: x\r\n\r\nBREAKING CHANGE: windows line ends").isBreaking()).isTrue();
        assertThat(ConventionalCommit.parse("chore: x\n\nRefs: #12\nBREAKING CHANGE #42").isBreaking()).isTrue();
    }

    @Test
    void shouldNotMistakeOtherTextForBreakingChanges() {
        assertThat(ConventionalCommit.parse("fix: x\n\nbreaking change: lower case is not the footer").isBreaking())
                .isFalse();
        assertThat(ConventionalCommit.parse("fix: x\n\nThis mentions BREAKING CHANGE: in a sentence").isBreaking())
                .isFalse();
        assertThat(ConventionalCommit.parse("fix: mention BREAKING CHANGE: in the header only").isBreaking())
                .isFalse();
    }

    @Test
    void shouldCountOtherCommitsWithTheConfiguredBump() {
        assertThat(ConventionalCommit.parse("Merge pull request #3 from x/y").bump(Bump.PATCH)).isEqualTo(Bump.PATCH);
        assertThat(ConventionalCommit.parse("refactor: tidy").bump(Bump.MINOR)).isEqualTo(Bump.MINOR);
        assertThat(ConventionalCommit.parse("").isConventional()).isFalse();
        assertThat(ConventionalCommit.parse(null).getSubject()).isEmpty();
    }

    @Test
    void shouldTakeTheLargestBump() {
        assertThat(Bump.PATCH.max(Bump.MINOR)).isEqualTo(Bump.MINOR);
        assertThat(Bump.MAJOR.max(Bump.NONE)).isEqualTo(Bump.MAJOR);
        assertThat(Bump.NONE.max(Bump.NONE)).isEqualTo(Bump.NONE);
    }

    // The hand-written scan must find what the grammar's pattern finds, on headers built from its edge characters.
    @Test
    void shouldScanHeadersAsThePatternMatchesThem() {
        String pieces = "aZ9-_(): !\t\r\n\u000B\f\u0085\u2028\u2029\u00e9xfeat";
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "feat" : "");
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                header.append(pieces.charAt(random.nextInt(pieces.length())));
            }
            if (random.nextInt(3) == 0) {
                header.insert(random.nextInt(header.length() + 1), random.nextBoolean() ? ": " : "(x)!: ");
            }
            String subject = header.toString();
            Matcher matcher = ConventionalCommit.HEADER.matcher(subject);
            ConventionalCommit.Header scanned = ConventionalCommit.Header.scan(subject);
            if (!matcher.matches()) {
                assertThat(scanned).as("%s", subject.chars().boxed().toList()).isNull();
                continue;
            }
            assertThat(scanned).as("%s", subject.chars().boxed().toList()).isNotNull();
            assertThat(scanned.type).isEqualTo(matcher.group("type"));
            assertThat(scanned.scope).isEqualTo(matcher.group("scope"));
            assertThat(scanned.breaking).isEqualTo(matcher.group("breaking") != null);
            assertThat(scanned.description).isEqualTo(matcher.group("description"));
        }
    }

    @Test
    void shouldReadABreakingFooterOnlyAtTheStartOfALine() {
        assertThat(ConventionalCommit.parse("fix: a\n\nBREAKING CHANGE: gone").isBreaking()).isTrue();
        assertThat(ConventionalCommit.parse("fix: a\r\n\r\nBREAKING-CHANGE #12").isBreaking()).isTrue();
        assertThat(ConventionalCommit.parse("fix: a\n\nnot BREAKING CHANGE: here").isBreaking()).isFalse();
        assertThat(ConventionalCommit.parse("fix: a\n\nBREAKING change: lower case").isBreaking()).isFalse();
    }
}
