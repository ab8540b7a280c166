package hudson.model;

public class Fingerprint {
}
