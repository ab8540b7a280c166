package net.sf.json;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

public final class JSONObject implements Map<String, Object> {
    public static JSONObject fromObject(Object object) {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean getBoolean(String key) {
        throw new UnsupportedOperationException("stand-in");
    }

    public int getInt(String key) {
        throw new UnsupportedOperationException("stand-in");
    }

    public JSONArray getJSONArray(String key) {
        throw new UnsupportedOperationException("stand-in");
    }

    public JSONObject getJSONObject(String key) {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getString(String key) {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean has(String key) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public boolean isEmpty() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public boolean containsKey(Object key) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public boolean containsValue(Object value) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public Object get(Object key) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public Object put(String key, Object value) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public Object remove(Object key) {
        throw new UnsupportedOperationException("stand-in");
    }

    public Object remove(String key) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void putAll(Map map) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public Set<String> keySet() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Collection values() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Set entrySet() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String toString() {
        throw new UnsupportedOperationException("stand-in");
    }
}
