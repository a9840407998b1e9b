package io.cul8er.state.file;

import java.nio.file.Path;

/** Where one topology's files live inside the state directory. */
record FileLayout(Path directory) {

  Path state() {
    return directory.resolve("state.json");
  }

  Path backup() {
    return directory.resolve("state.json.backup");
  }

  Path lock() {
    return directory.resolve("lock.json");
  }

  /** Held only for the few milliseconds of a write, so that writers never interleave. */
  Path writeMutex() {
    return directory.resolve(".write.lock");
  }

  Path audit() {
    return directory.resolve("audit.jsonl");
  }

  Path agent() {
    return directory.resolve("agent.json");
  }

  Path journal() {
    return directory.resolve("journal.jsonl");
  }

  Path historyDirectory() {
    return directory.resolve("history");
  }

  Path history(long serial) {
    return historyDirectory().resolve(serial + ".json");
  }
}
