package lab.deadrelu.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import lab.deadrelu.engine.Event;

/**
 * A run's JSON written as the run is played (the format of {@link RunReport}, byte for byte the same as
 * serialising a whole report): only one snapshot is in memory at a time, whatever the number of steps.
 */
public final class RunReportJson implements RunReport.Sink {
    /** Null fields left out, as the documented format has them. */
    public static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final JsonGenerator out;

    private RunReportJson(JsonGenerator out) {
        this.out = out;
    }

    /** Plays `run` (see {@link RunReport#play}) and writes its JSON to `stream`, which is flushed, not closed. */
    public static void write(RunSpec run, long steps, long every, OutputStream stream) throws IOException {
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(stream, JsonEncoding.UTF8)) {
            out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            RunReport.play(run, steps, every, new RunReportJson(out));
        }
    }

    /** The same, to a writer (the command line's output). */
    public static void write(RunSpec run, long steps, long every, Writer writer) throws IOException {
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(writer)) {
            out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            RunReport.play(run, steps, every, new RunReportJson(out));
        }
    }

    @Override
    public void begin(Map<String, Object> spec, RunReport.Data data) throws IOException {
        out.writeStartObject();
        out.writeObjectField("spec", spec);
        out.writeObjectField("data", data);
        out.writeArrayFieldStart("snapshots");
    }

    @Override
    public void snapshot(RunReport.Frame frame) throws IOException {
        out.writeObject(frame);
    }

    @Override
    public void end(List<Event> events, RunReport.Summary summary) throws IOException {
        out.writeEndArray();
        out.writeArrayFieldStart("events");
        for (Event e : events) out.writeObject(RunReport.event(e));
        out.writeEndArray();
        out.writeObjectField("summary", summary);
        out.writeEndObject();
    }
}
