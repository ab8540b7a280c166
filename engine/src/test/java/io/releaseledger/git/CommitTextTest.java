package io.releaseledger.git;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;

/** CommitText against JGit's own getFullMessage and getAuthorIdent, on commit objects written byte by byte. */
class CommitTextTest {
    private static final String COMMITTER = "committer C O Mitter <c@example.invalid> 1700000000 +0000\n";
    private static final String TIME = " 1700000000 +0100\n";

    @Test
    void shouldReadWhatJGitReadsFromCommitsOfEveryShape() throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(ascii("author A U Thor <a@example.invalid>" + TIME + COMMITTER + "\nfeat: ascii\n\nbody\n"));
        bodies.add(utf8("author Jörg Größe <jörg@example.invalid>" + TIME + COMMITTER + "\nfeat: größe ✓\n"));
        bodies.add(latin1("author Jörg <j@example.invalid>" + TIME + COMMITTER + "encoding ISO-8859-1\n"
                + "\nfix: größe in Latin-1\n"));
        bodies.add(latin1("author Ascii Name <a@example.invalid>" + TIME + COMMITTER + "encoding ISO-8859-1\n"
                + "\nfix: Latin-1 message only: é\n"));
        bodies.add(ascii("author Nobody" + TIME + COMMITTER + "\nno e-mail brackets\n"));
        bodies.add(ascii("author Tight<t@example.invalid>" + TIME + COMMITTER + "\nno space before the address\n"));
        bodies.add(ascii("author <only@example.invalid>" + TIME + COMMITTER + "\nno name\n"));
        bodies.add(ascii("author Broken <broken" + "\n" + COMMITTER + "\nunclosed address\n"));
        bodies.add(ascii("author Two <a@example.invalid> <b@example.invalid>" + TIME + COMMITTER + "\njunk after\n"));
        bodies.add(ascii("author Spaces   <s@example.invalid>" + TIME + COMMITTER + "\n  padded name  \n"));
        bodies.add(ascii(COMMITTER + "\nno author line\n"));
        bodies.add(ascii("author A <a@example.invalid>" + TIME + COMMITTER));
        bodies.add(ascii("author A <a@example.invalid>" + TIME + COMMITTER + "\n"));
        bodies.add(ascii("author A <a@example.invalid>" + TIME + COMMITTER + "\r\nfeat: crlf\r\n\r\nbody\r\n\u0001\u007f"));
        bodies.add(utf8("author Ascii <ünïcode@example.invalid>" + TIME + COMMITTER + "\nemail only\n"));
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            bodies.add(randomBody(random));
        }

        int checked = 0;
        try (Repository repository = new InMemoryRepository(new DfsRepositoryDescription("commit-text"));
                ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId tree = inserter.insert(new TreeFormatter());
            List<ObjectId> ids = new ArrayList<>();
            for (byte[] body : bodies) {
                ids.add(inserter.insert(Constants.OBJ_COMMIT, concat(ascii("tree " + tree.name() + "\n"), body)));
            }
            inserter.flush();
            try (RevWalk walk = new RevWalk(repository)) {
                for (ObjectId id : ids) {
                    RevCommit commit = walk.parseCommit(id);
                    CommitText text = CommitText.of(commit);
                    PersonIdent author = commit.getAuthorIdent();
                    String what = "commit " + checked + ":\n" + new String(commit.getRawBuffer(), ISO_8859_1);
                    assertThat(text.getMessage()).as(what).isEqualTo(commit.getFullMessage());
                    assertThat(text.getAuthorName()).as(what).isEqualTo(author == null ? null : author.getName());
                    assertThat(text.getAuthorEmail()).as(what)
                            .isEqualTo(author == null ? null : author.getEmailAddress());
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(bodies.size());
    }

    // Names, addresses and messages of ASCII, multi-byte UTF-8, lone Latin-1 bytes and the delimiters themselves.
    private static byte[] randomBody(final Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("author "));
        out.writeBytes(randomText(random, 12));
        if (random.nextInt(10) > 0) {
            out.writeBytes(ascii(random.nextBoolean() ? " <" : "<"));
            out.writeBytes(randomText(random, 16));
            out.writeBytes(ascii(random.nextInt(10) > 0 ? ">" : ""));
        }
        out.writeBytes(ascii(random.nextInt(10) > 0 ? TIME : "\n"));
        out.writeBytes(ascii(COMMITTER));
        if (random.nextInt(5) == 0) {
            out.writeBytes(ascii("encoding " + (random.nextBoolean() ? "ISO-8859-1" : "UTF-8") + "\n"));
        }
        if (random.nextInt(20) > 0) {
            out.writeBytes(ascii("\n"));
            out.writeBytes(randomText(random, 80));
        }
        return out.toByteArray();
    }

    private static byte[] randomText(final Random random, final int maxLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(12)) {
                case 0 -> out.writeBytes(utf8("ä"));
                case 1 -> out.writeBytes(utf8("✓"));
                case 2 -> out.write(0xE9); // Latin-1 é: not UTF-8 on its own
                case 3 -> out.write(random.nextBoolean() ? '<' : '>');
                case 4 -> out.write(' ');
                case 5 -> out.write(random.nextInt(32)); // control characters, new lines among them
                default -> out.write('a' + random.nextInt(26));
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(final byte[] first, final byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static byte[] ascii(final String text) {
        return text.getBytes(ISO_8859_1);
    }

    private static byte[] latin1(final String text) {
        return text.getBytes(ISO_8859_1);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(UTF_8);
    }
}
