package io.jenkins.plugins.releaseledger;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.beanutils.ConvertUtilsBean;
import org.apache.commons.beanutils.converters.DoubleConverter;
import org.apache.commons.beanutils.converters.FloatConverter;
import org.apache.commons.beanutils.converters.IntegerConverter;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The snippet generator's way from a submitted step form to a step and back to the snippet's arguments, as the real
 * code does it, so that the binding can be tested without Jenkins. Read at jenkinsci/stapler tag 2050.v425108fd5089
 * (the version core 2.541.3 pins) and jenkinsci/structs-plugin tag 362.va_b_695ef4fdf9:
 * <ul>
 * <li>the form: a {@code <select>} posts the value of its chosen option, "" for a default listed as ""
 * (jenkinsci/jenkins tag jenkins-2.541.3, {@code war/src/main/webapp/scripts/hudson-behavior.js}, {@code buildFormTree},
 * default case); the snippet generator hands it to {@code descriptor.newInstance(req, json)} (workflow-cps
 * {@code Snippetizer.doGenerateSnippet}), whose default ({@code Descriptor.newInstance}) is Stapler's binding;</li>
 * <li>{@code core/.../RequestImpl.java} {@code TypePair.convertJSON}: JSON null gives the VM default (null for a boxed
 * type), an enum goes through {@code Enum.valueOf}, any other single value through
 * {@code Stapler.lookupConverter(type).convert(type, value)}; for a collection type ({@code Lister}), a JSON array
 * converts item by item and any single value becomes a one-item list;</li>
 * <li>{@code core/.../Stapler.java}: {@code CONVERT_UTILS} is a plain commons-beanutils 1.11.0 {@code ConvertUtilsBean}
 * (its standard {@code BooleanConverter} has the default {@code Boolean.FALSE}, so "" becomes {@code false}) with
 * {@code Integer}, {@code Float} and {@code Double} re-registered with the default {@code null};</li>
 * <li>{@code RequestImpl.instantiate}/{@code injectSetters}: the {@code @DataBoundConstructor} gets its parameters by
 * name, then every other key of the form calls the public {@code @DataBoundSetter} named after it, searched up the
 * class hierarchy; a key that is absent calls nothing;</li>
 * <li>structs {@code DescribableModel.uninstantiate2}: an optional parameter whose value equals the one of an
 * instance made from the required parameters only is left out of the snippet.</li>
 * </ul>
 */
final class StaplerFormBinding {
    private final ConvertUtilsBean converters = new ConvertUtilsBean();

    StaplerFormBinding() {
        converters.register(new IntegerConverter(null), Integer.class);
        converters.register(new FloatConverter(null), Float.class);
        converters.register(new DoubleConverter(null), Double.class);
    }

    <T> T bind(final Class<T> type, final Map<String, Object> form) throws Exception {
        Constructor<?> constructor = dataBoundConstructor(type);
        List<String> names = Arrays.stream(constructor.getParameters()).map(Parameter::getName).toList();
        Object[] arguments = new Object[names.size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = convert(constructor.getParameterTypes()[i], form.get(names.get(i)));
        }
        T bound = type.cast(constructor.newInstance(arguments));
        for (Map.Entry<String, Object> entry : form.entrySet()) {
            if (!names.contains(entry.getKey())) {
                Method setter = setter(type, entry.getKey());
                if (setter != null) {
                    setter.invoke(bound, convert(setter.getParameterTypes()[0], entry.getValue()));
                }
            }
        }
        return bound;
    }

    /** The arguments the snippet generator writes for {@code step}: required ones and optional ones off their default. */
    Map<String, Object> snippetArguments(final Object step) throws Exception {
        Constructor<?> constructor = dataBoundConstructor(step.getClass());
        Object[] required = new Object[constructor.getParameterCount()];
        Map<String, Object> arguments = new TreeMap<>();
        for (int i = 0; i < required.length; i++) {
            String name = constructor.getParameters()[i].getName();
            required[i] = getter(step.getClass(), name).invoke(step);
            if (required[i] != null) {
                arguments.put(name, required[i]);
            }
        }
        Object control = constructor.newInstance(required);
        for (Class<?> type = step.getClass(); type != null; type = type.getSuperclass()) {
            for (Method setter : type.getDeclaredMethods()) {
                if (isDataBoundSetter(setter)) {
                    String name = propertyName(setter);
                    Method getter = getter(step.getClass(), name);
                    Object value = getter.invoke(step);
                    if (!Objects.equals(value, getter.invoke(control))) {
                        arguments.put(name, value);
                    }
                }
            }
        }
        return arguments;
    }

    private Object convert(final Class<?> type, final Object value) {
        if (value == null) {
            return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null; // ReflectionUtils.getVmDefaultValueFor
        }
        if (type.isEnum()) {
            return enumValue(type, value.toString());
        }
        if (List.class.isAssignableFrom(type)) { // List<String>: the only collection the steps take
            List<Object> items = new java.util.ArrayList<>();
            for (Object item : value instanceof List<?> list ? list : List.of(value)) {
                items.add(converters.lookup(String.class).convert(String.class, item));
            }
            return items;
        }
        return converters.lookup(type).convert(type, value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(final Class<?> type, final String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static Constructor<?> dataBoundConstructor(final Class<?> type) {
        return Arrays.stream(type.getConstructors()).filter(c -> c.isAnnotationPresent(DataBoundConstructor.class))
                .findFirst().orElseThrow();
    }

    private static Method setter(final Class<?> type, final String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (isDataBoundSetter(method) && propertyName(method).equals(name)) {
                    return method;
                }
            }
        }
        return null;
    }

    private static boolean isDataBoundSetter(final Method method) {
        return Modifier.isPublic(method.getModifiers()) && method.getName().startsWith("set")
                && method.getParameterCount() == 1 && method.isAnnotationPresent(DataBoundSetter.class);
    }

    private static String propertyName(final Method setter) {
        String name = setter.getName().substring("set".length());
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Method getter(final Class<?> type, final String name) throws NoSuchMethodException {
        String suffix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        try {
            return type.getMethod("get" + suffix);
        } catch (NoSuchMethodException notGet) {
            return type.getMethod("is" + suffix);
        }
    }
}
