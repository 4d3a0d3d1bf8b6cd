package lab.deadrelu.classroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classes in Redis, shared by every instance that names the same Redis (REDIS_URL). Keys:
 * <pre>
 * deadrelu:class:{code}           hash: json (the Classroom), ended (0/1), ends (epoch ms)
 * deadrelu:class:{code}:students  hash: student id -> StudentRun JSON
 * deadrelu:classes                sorted set: code by end time, what MAX_CLASSES counts
 * </pre>
 * Both keys of a class expire an hour after it ends (PEXPIREAT), so the class view can still say it
 * ended. Creating and adding a student are Lua scripts, so both bounds (MAX_CLASSES, CLASS_STUDENTS)
 * hold exactly across instances. Messages go over one pub/sub channel as JSON.
 * <p>
 * Reads and the teacher's actions wait at most a second and throw {@link ClassStore.Unavailable}
 * when Redis does not answer; {@link #putStudent} never waits (the ticker's thread calls it): its
 * command is sent and forgotten, and failures are logged at most once a minute. While the connection
 * is down, commands are refused at once instead of queued, and at most {@value #MAX_QUEUED} may wait
 * for replies.
 */
public final class RedisClassStore implements ClassStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisClassStore.class);
    static final String CHANNEL = "deadrelu:classes";
    private static final String CLASSES = "deadrelu:classes";
    private static final long KEPT_AFTER_END_MILLIS = TimeUnit.HOURS.toMillis(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final int MAX_QUEUED = 50_000;
    private static final long LOG_EVERY_MILLIS = 60_000;

    /** KEYS: class, classes; ARGV: code, json, ends, expireAt, now, maxClasses. 1 created, 0 code taken, -1 full. */
    private static final String CREATE = """
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[5])
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[6]) then return -1 end
            redis.call('HSET', KEYS[1], 'json', ARGV[2], 'ended', '0', 'ends', ARGV[3])
            redis.call('PEXPIREAT', KEYS[1], ARGV[4])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
            return 1
            """;
    /** KEYS: class, students; ARGV: id, json, now, maxStudents, kept after end. 1 stored, 0 ignored (unknown, ended, full). */
    private static final String PUT_STUDENT = """
            local c = redis.call('HMGET', KEYS[1], 'ended', 'ends')
            if not c[1] or c[1] == '1' or tonumber(ARGV[3]) >= tonumber(c[2]) then return 0 end
            if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 and redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[4]) then return 0 end
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            redis.call('PEXPIREAT', KEYS[2], tonumber(c[2]) + tonumber(ARGV[5]))
            return 1
            """;
    /** KEYS: class; ended stays ended, an unknown class stays unknown. */
    private static final String END = """
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'ended', '1') end
            return 0
            """;

    private final ObjectMapper json = new ObjectMapper();
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final RedisCommands<String, String> sync;
    private final List<Consumer<ClassMessage>> listeners = new CopyOnWriteArrayList<>();
    /** Listeners run here, never on Lettuce's I/O thread: a slow one delays messages, not Redis. */
    private final ThreadPoolExecutor delivery;
    private final int maxClasses, maxStudents;
    private final LongSupplier clockMillis;
    private final AtomicLong lastWriteFailureLog = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong lastReadFailureLog = new AtomicLong(Long.MIN_VALUE / 2);

    /** Connects (and subscribes) at once: a Redis that cannot be reached at startup stops the server with a message. */
    public RedisClassStore(String redisUrl, int maxClasses, int maxStudents, LongSupplier clockMillis) {
        this.maxClasses = maxClasses;
        this.maxStudents = maxStudents;
        this.clockMillis = clockMillis;
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(TIMEOUT);
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(MAX_QUEUED)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
        delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "class-messages");
            t.setDaemon(true);
            return t;
        }, (task, pool) -> LOG.warn("Class messages arrive faster than this instance's pages take them: one dropped"));
        try {
            connection = client.connect();
            sync = connection.sync();
            pubSub = client.connectPubSub();
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    if (CHANNEL.equals(channel)) delivery.execute(() -> deliver(message));
                }
            });
            pubSub.sync().subscribe(CHANNEL);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            delivery.shutdownNow();
            throw new IllegalArgumentException("REDIS_URL: cannot reach Redis at " + uri.getHost() + ":" + uri.getPort() + " (" + e.getMessage() + ")", e);
        }
    }

    private static String classKey(String code) {
        return "deadrelu:class:" + code;
    }

    private static String studentsKey(String code) {
        return "deadrelu:class:" + code + ":students";
    }

    @Override
    public boolean create(Classroom classroom) {
        long now = clockMillis.getAsLong();
        Long created = call("create a class", () -> sync.eval(CREATE, ScriptOutputType.INTEGER,
                new String[] {classKey(classroom.code()), CLASSES}, classroom.code(), write(classroom), Long.toString(classroom.endsMillis()),
                Long.toString(classroom.endsMillis() + KEPT_AFTER_END_MILLIS), Long.toString(now), Integer.toString(maxClasses)));
        return created != null && created == 1;
    }

    @Override
    public Optional<Classroom> find(String code) {
        Map<String, String> fields = call("find a class", () -> sync.hgetall(classKey(code)));
        if (fields == null || !fields.containsKey("json")) return Optional.empty();
        Classroom c = read(fields.get("json"), Classroom.class);
        return Optional.of("1".equals(fields.get("ended")) ? c.endedNow() : c);
    }

    @Override
    public void end(String code) {
        call("end a class", () -> sync.eval(END, ScriptOutputType.INTEGER, classKey(code)));
    }

    @Override
    public void putStudent(String code, StudentRun run) {
        String row = write(run);
        long now = clockMillis.getAsLong();
        try {
            // The class's end is read inside the script: the rows expire with the class, an hour after it ends.
            connection.async().eval(PUT_STUDENT, ScriptOutputType.INTEGER, new String[] {classKey(code), studentsKey(code)},
                    run.id(), row, Long.toString(now), Integer.toString(maxStudents), Long.toString(KEPT_AFTER_END_MILLIS))
                    .whenComplete((stored, failure) -> {
                        if (failure != null) logWriteFailure(failure);
                    });
        } catch (RuntimeException refused) {   // disconnected, or too many commands waiting: this row update is dropped
            logWriteFailure(refused);
        }
    }

    @Override
    public List<StudentRun> students(String code) {
        Map<String, String> rows = call("read a class's students", () -> sync.hgetall(studentsKey(code)));
        List<StudentRun> runs = new ArrayList<>(rows == null ? 0 : rows.size());
        if (rows != null) rows.values().forEach(r -> runs.add(read(r, StudentRun.class)));
        return runs;
    }

    /** HLEN: a count, not the rows (every student's page asks it when it opens; a class of 2,000 must not read 2,000 rows each time). */
    @Override
    public int studentCount(String code) {
        Long n = call("count a class's students", () -> sync.hlen(studentsKey(code)));
        return n == null ? 0 : (int) Math.min(Integer.MAX_VALUE, n);
    }

    @Override
    public Optional<StudentRun> student(String code, String studentId) {
        String row = call("read a student", () -> sync.hget(studentsKey(code), studentId));
        return row == null ? Optional.empty() : Optional.of(read(row, StudentRun.class));
    }

    @Override
    public void publish(ClassMessage message) {
        call("send a message to the class", () -> sync.publish(CHANNEL, write(message)));
    }

    @Override
    public void subscribe(Consumer<ClassMessage> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
        try {
            pubSub.close();
            connection.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            delivery.shutdownNow();
        }
    }

    private void deliver(String message) {
        ClassMessage m;
        try {
            m = readMessage(message);
        } catch (RuntimeException e) {
            LOG.warn("A class message this instance does not understand was ignored: {}", e.getMessage());
            return;
        }
        for (Consumer<ClassMessage> listener : listeners) {
            try {
                listener.accept(m);
            } catch (RuntimeException e) {
                LOG.warn("A class message listener failed", e);
            }
        }
    }

    /** A synchronous command; Redis down or slow becomes Unavailable, logged at most once a minute. */
    private <T> T call(String what, Supplier<T> command) {
        try {
            return command.get();
        } catch (io.lettuce.core.RedisException e) {
            if (once(lastReadFailureLog))
                LOG.warn("Classes are unavailable: Redis did not answer ({}); pages that need a class answer 503 until it does", e.getMessage());
            throw new Unavailable("classes are unavailable: Redis could not " + what + " (" + e.getMessage() + ")", e);
        }
    }

    private void logWriteFailure(Throwable failure) {
        if (once(lastWriteFailureLog))
            LOG.warn("A student's row did not reach Redis ({}); further failures are logged at most once a minute", failure.toString());
    }

    private boolean once(AtomicLong last) {
        long now = System.nanoTime() / 1_000_000, before = last.get();
        return now - before >= LOG_EVERY_MILLIS && last.compareAndSet(before, now);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value instanceof ClassMessage m ? messageJson(m) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Redis holds a " + type.getSimpleName() + " this version cannot read: " + e.getOriginalMessage(), e);
        }
    }

    private ObjectNode messageJson(ClassMessage message) {
        ObjectNode node = json.createObjectNode().put("code", message.code());
        if (message instanceof ClassMessage.Send s) node.put("type", "send").put("link", s.link());
        else if (message instanceof ClassMessage.PauseAll) node.put("type", "pause-all");
        else node.put("type", "ended");
        return node;
    }

    ClassMessage readMessage(String text) {
        JsonNode node = read(text, JsonNode.class);
        String code = node.path("code").asText();
        return switch (node.path("type").asText()) {
            case "send" -> new ClassMessage.Send(code, node.path("link").asText());
            case "pause-all" -> new ClassMessage.PauseAll(code);
            case "ended" -> new ClassMessage.Ended(code);
            default -> throw new IllegalArgumentException("unknown type " + node.path("type"));
        };
    }
}
