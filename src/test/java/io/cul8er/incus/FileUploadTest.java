package io.cul8er.incus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileUploadTest {

  @Test
  void parentsAreListedTopDown() {
    assertThat(FileUpload.parentsOf("/opt/a/b/f.txt")).containsExactly("/opt", "/opt/a", "/opt/a/b");
    assertThat(FileUpload.parentsOf("/f.txt")).isEmpty();
  }
}
