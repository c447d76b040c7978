// codejudge Java test runtime (trusted; compiled once per toolchain).
// emit(id, f) calls f (the test's call of the candidate) and writes ONLY the returned value,
// as tagged JSON (codejudge.sandbox.values), on fd 3, prefixed by a per-run nonce read from
// fd 4 before the tests start. The verdict is decided outside the sandbox.
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public final class CjRt {
    private static String nonce;
    private static FileOutputStream out;

    private CjRt() {}

    /** A test's call: may throw anything, checked exceptions included (Supplier may not). */
    @FunctionalInterface
    public interface Call {
        Object get() throws Throwable;
    }

    private static final class Unserializable extends RuntimeException {
        Unserializable(String what) { super(what, null, false, false); }
    }

    public static void init() {
        try (FileInputStream in = new FileInputStream("/proc/self/fd/4")) {
            byte[] buf = new byte[80];
            int n = 0;
            for (int k; n < buf.length && (k = in.read(buf, n, buf.length - n)) > 0; ) n += k;  // a pipe: no readNBytes
            String s = new String(buf, 0, n, StandardCharsets.US_ASCII).trim();
            if (s.length() < 16) Runtime.getRuntime().halt(122);
            nonce = s;
            out = new FileOutputStream("/proc/self/fd/3");
        } catch (IOException e) {
            Runtime.getRuntime().halt(122);
        }
    }

    private static void write(String line) {
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            Runtime.getRuntime().halt(121);
        }
    }

    static void str(StringBuilder o, String s) {
        o.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') o.append('\\').append(c);
            else if (c < 0x20) o.append(String.format("\\u%04x", (int) c));
            else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    o.append(c).append(s.charAt(++i));
                } else o.append("\\ufffd");
            } else o.append(c);
        }
        o.append('"');
    }

    static void num(StringBuilder o, double d, boolean single) {
        if (Double.isNaN(d)) { o.append("{\"$float\":\"nan\"}"); return; }
        if (Double.isInfinite(d)) { o.append(d > 0 ? "{\"$float\":\"inf\"}" : "{\"$float\":\"-inf\"}"); return; }
        // Float.toString / Double.toString: the shortest text that reads back as this value
        o.append(single ? Float.toString((float) d) : Double.toString(d));
    }

    static void enc(StringBuilder o, Object v, int depth) {
        if (depth > 200) throw new Unserializable("nested deeper than 200 levels");
        if (v == null) o.append("null");
        else if (v instanceof Boolean) o.append(((Boolean) v) ? "true" : "false");
        else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger) o.append(v.toString());
        else if (v instanceof Float) num(o, (Float) v, true);
        else if (v instanceof Double) num(o, (Double) v, false);
        else if (v instanceof Character) str(o, v.toString());
        else if (v instanceof String) str(o, (String) v);
        else if (v instanceof Optional) {
            Optional<?> opt = (Optional<?>) v;
            if (opt.isPresent()) enc(o, opt.get(), depth + 1); else o.append("null");
        } else if (v instanceof Map) {
            o.append("{\"$dict\":[");
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) o.append(',');
                first = false;
                o.append('[');
                enc(o, e.getKey(), depth + 1);
                o.append(',');
                enc(o, e.getValue(), depth + 1);
                o.append(']');
            }
            o.append("]}");
        } else if (v instanceof Collection) {
            boolean set = v instanceof Set;
            o.append(set ? "{\"$set\":[" : "[");
            boolean first = true;
            for (Object x : (Collection<?>) v) {
                if (!first) o.append(',');
                first = false;
                enc(o, x, depth + 1);
            }
            o.append(set ? "]}" : "]");
        } else if (v.getClass().isArray()) {
            o.append('[');
            int n = Array.getLength(v);
            for (int i = 0; i < n; i++) {
                if (i > 0) o.append(',');
                enc(o, Array.get(v, i), depth + 1);
            }
            o.append(']');
        } else throw new Unserializable(v.getClass().getName());
    }

    private static StringBuilder head(String id) {
        StringBuilder o = new StringBuilder(nonce).append(" {\"id\":");
        str(o, id);
        return o;
    }

    /** Evaluate one test call; returns true so it can stand where the assertion stood. */
    public static boolean emit(String id, Call f) {
        long t0 = System.nanoTime();
        StringBuilder rec = head(id);
        try {
            StringBuilder val = new StringBuilder();
            enc(val, f.get(), 0);
            rec.append(",\"v\":").append(val);
        } catch (Unserializable u) {
            rec.append(",\"u\":");
            str(rec, u.getMessage());
        } catch (OutOfMemoryError m) {
            rec.append(",\"m\":1");
        } catch (Throwable e) {
            rec.append(",\"e\":{\"type\":");
            str(rec, e.getClass().getName());
            rec.append(",\"message\":");
            String msg = String.valueOf(e.getMessage());
            str(rec, msg.length() > 2000 ? msg.substring(0, 2000) : msg);
            rec.append('}');
        }
        rec.append(",\"t\":").append((System.nanoTime() - t0) / 1e9).append("}\n");
        write(rec.toString());
        return true;
    }

    public static void end() {
        write(nonce + " {\"id\":\"__end__\"}\n");
    }

    /** Entry point: the nonce, then the test program's Main.main, then the end marker. */
    public static void main(String[] args) throws Throwable {
        init();
        try {
            Class.forName("Main").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();  // a failed assertion ends the program as it would have
        }
        end();
    }
}
