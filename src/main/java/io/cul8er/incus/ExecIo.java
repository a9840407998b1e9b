package io.cul8er.incus;

import io.cul8er.incus.api.TerminalSize;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Where an attached command's streams go. With a {@code terminal}, the command runs on a pseudo
 * terminal of that size, its output (stderr included) to {@code out}; without, stdin, stdout and
 * stderr are piped.
 */
public record ExecIo(InputStream in, OutputStream out, OutputStream err, Optional<TerminalSize> terminal) {}
