package io.tradingswarm.operator.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An API server's audit log is more than its file: at 100 MB (kube-apiserver's default
 * {@code --audit-log-maxsize}) the file is renamed to {@code audit-<UTC time>.log} beside it and a new
 * one begins. A restarted API server appends to the file it finds.
 */
public final class AuditLogParts {
    private AuditLogParts() {
    }

    /** The rotated parts of {@code log}, oldest first, then {@code log} itself (when it exists). */
    public static List<Path> of(Path log) throws IOException {
        String name = log.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String prefix = (dot < 0 ? name : name.substring(0, dot)) + "-";
        String extension = dot < 0 ? "" : name.substring(dot);
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(log.toAbsolutePath().getParent())) {
            files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(extension) && n.length() > prefix.length() + extension.length();
            }).sorted().forEach(parts::add);
        }
        if (Files.exists(log)) {
            parts.add(log);
        }
        return parts;
    }
}
