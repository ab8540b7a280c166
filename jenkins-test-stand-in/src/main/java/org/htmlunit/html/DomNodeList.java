package org.htmlunit.html;

import java.util.List;
import org.w3c.dom.NodeList;

public interface DomNodeList<E extends DomNode> extends NodeList, List<E> {
}
