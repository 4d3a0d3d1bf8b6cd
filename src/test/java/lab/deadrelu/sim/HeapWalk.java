package lab.deadrelu.sim;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What an object graph holds, found by walking it with reflection, independently of MemoryCost: the
 * doubles in its double[] arrays, and its bytes in HotSpot's 64-bit layout with compressed references
 * (array header 16, object header 12, reference 4, blocks rounded up to 8). Shared things are not
 * counted: enum constants, classes, and whatever the caller excludes. JDK collections are read through
 * their public API (their fields are closed to reflection) and sized as their usual implementations.
 */
final class HeapWalk {
    long bytes, doubles, arrays;
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();
    private final ArrayDeque<Object> todo = new ArrayDeque<>();

    static HeapWalk of(Object root, Object... excluded) {
        HeapWalk w = new HeapWalk();
        for (Object e : excluded) w.seen.put(e, true);
        w.todo.push(root);
        while (!w.todo.isEmpty()) w.visit(w.todo.pop());
        return w;
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    private void push(Object o) {
        if (o != null && !seen.containsKey(o)) todo.push(o);
    }

    private void visit(Object o) {
        if (seen.put(o, true) != null) return;
        Class<?> c = o.getClass();
        if (o instanceof Enum<?> || o instanceof Class<?> || c.isEnum() || Enum.class.isAssignableFrom(c)) return;
        if (c.isArray()) {
            int length = Array.getLength(o);
            Class<?> e = c.getComponentType();
            int size = e == double.class || e == long.class ? 8 : e == int.class || e == float.class || !e.isPrimitive() ? 4
                    : e == short.class || e == char.class ? 2 : 1;
            bytes += align(16 + (long) length * size);
            arrays++;
            if (e == double.class) doubles += length;
            if (!e.isPrimitive()) for (int i = 0; i < length; i++) push(Array.get(o, i));
            return;
        }
        if (o instanceof String s) {
            bytes += 24 + align(16 + s.length());
            return;
        }
        String name = c.getName();
        if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
            if (o instanceof Collection<?> col) {
                bytes += 24 + align(16 + 4L * Math.max(col.size(), col.size() * 3 / 2));
                col.forEach(this::push);
            } else if (o instanceof Map<?, ?> map) {
                bytes += 48 + align(16 + 4L * Integer.highestOneBit(Math.max(16, map.size() * 2))) + 32L * map.size();
                map.forEach((k, v) -> {
                    push(k);
                    push(v);
                });
            } else {
                bytes += o instanceof java.util.SplittableRandom ? 24 : 16;   // boxed numbers and the like
            }
            return;
        }
        long shallow = 12;
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                Class<?> t = f.getType();
                shallow += t == double.class || t == long.class ? 8 : t == int.class || t == float.class || !t.isPrimitive() ? 4
                        : t == short.class || t == char.class ? 2 : 1;
                if (!t.isPrimitive()) {
                    f.setAccessible(true);
                    try {
                        push(f.get(o));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        bytes += align(shallow);
    }
}
