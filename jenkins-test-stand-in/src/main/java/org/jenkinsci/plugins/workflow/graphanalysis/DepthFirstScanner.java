package org.jenkinsci.plugins.workflow.graphanalysis;

public class DepthFirstScanner extends AbstractFlowScanner {
}
