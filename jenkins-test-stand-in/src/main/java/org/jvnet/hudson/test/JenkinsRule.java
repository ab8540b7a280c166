package org.jvnet.hudson.test;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.security.AbstractPasswordBasedSecurityRealm;
import java.io.IOException;
import java.net.URL;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import net.sf.json.JSONObject;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.xml.sax.SAXException;

public class JenkinsRule {
    public Jenkins jenkins;

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void waitUntilNoActivity() throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public DummySecurityRealm createDummySecurityRealm() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static class DummySecurityRealm extends AbstractPasswordBasedSecurityRealm {
    }

    public URL getURL() throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public JSONWebResponse getJSON(@NonNull String path) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public static class JSONWebResponse {
        public JSONObject getJSONObject() {
            throw new UnsupportedOperationException("stand-in");
        }
    }

    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public <R extends Run> R assertBuildStatus(Result status, R r) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public <R extends Run> R assertBuildStatus(Result status, Future<? extends R> r) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public <R extends Run<?, ?>> R waitForCompletion(R r) throws InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public <R extends Run<?, ?>> R waitForMessage(String message, R r) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable>
            R buildAndAssertSuccess(@NonNull J job) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable>
            R buildAndAssertStatus(@NonNull Result status, @NonNull J job) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void assertLogNotContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public static String getLog(Run run) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public WebClient createWebClient() {
        throw new UnsupportedOperationException("stand-in");
    }

    public class WebClient extends org.htmlunit.WebClient {
        public WebClient withJavaScriptEnabled(boolean enabled) {
            throw new UnsupportedOperationException("stand-in");
        }

        public WebClient withThrowExceptionOnFailingStatusCode(boolean enabled) {
            throw new UnsupportedOperationException("stand-in");
        }

        public WebClient login(String username) throws Exception {
            throw new UnsupportedOperationException("stand-in");
        }

        public HtmlPage getPage(Item item, String relative) throws IOException, SAXException {
            throw new UnsupportedOperationException("stand-in");
        }

        public Page goTo(String relative, @CheckForNull String expectedContentType) throws IOException, SAXException {
            throw new UnsupportedOperationException("stand-in");
        }

        public WebRequest addCrumb(WebRequest req) {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
