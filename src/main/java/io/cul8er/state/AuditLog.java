package io.cul8er.state;

import java.util.List;

/** The append-only record of every apply, deploy and destroy on one topology. */
public interface AuditLog {

  /** Appends {@code entry} durably. Its text must already be free of secrets. */
  void append(AuditEntry entry);

  /** Every entry, oldest first. */
  List<AuditEntry> auditEntries();
}
