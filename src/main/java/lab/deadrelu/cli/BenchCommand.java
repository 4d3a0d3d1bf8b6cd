package lab.deadrelu.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench")
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
