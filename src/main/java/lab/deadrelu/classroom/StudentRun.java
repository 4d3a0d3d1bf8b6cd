package lab.deadrelu.classroom;

import java.util.List;

/**
 * One student's current run as the class view shows it: one per student (id), replaced as the run
 * moves on. Nothing personal: the id is derived from the browser's session, the nickname is what the
 * student typed (at most 20 characters) or a generated one.
 *
 * @param id             stable for one browser in one class, on every instance (a reconnecting student keeps it)
 * @param link           the run's canonical link (at=step), which opens the same numbers anywhere
 * @param deadPerLayer   hidden neurons dead on the data set, per hidden layer
 * @param deadNeurons    the dead neurons' names in link notation, e.g. "h1^(2)"
 * @param seenMillis     when an instance last heard from this student's page (connected = seen recently)
 */
public record StudentRun(String id, String nickname, String link, String scenario, double lr, String act, long seed, long step,
                         double loss, List<Integer> deadPerLayer, List<String> deadNeurons, int hiddenNeurons, boolean diverged,
                         long seenMillis) {

    public StudentRun {
        deadPerLayer = List.copyOf(deadPerLayer);
        deadNeurons = List.copyOf(deadNeurons);
    }

    public int deadCount() {
        return deadPerLayer.stream().mapToInt(Integer::intValue).sum();
    }
}
