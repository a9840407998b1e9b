package hello.cluster;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.ProtocolStack;
import org.jgroups.util.NameCache;

/** This member's JGroups channel: joins the cluster and knows whom it currently sees. */
final class ClusterMembership implements AutoCloseable {
  private static final String STACK = "/hello-cluster-jgroups.xml";

  private final JChannel channel;
  private volatile View view;
  private long stackMillis;
  private long joinMillis;

  private ClusterMembership(JChannel channel) {
    this.channel = channel;
  }

  /**
   * Joins {@code cluster} as {@code member}; the stack reads the jgroups.* system properties.
   * {@code meanwhile} runs on a thread of its own while the channel connects, which is mostly
   * waiting (for the coordinator's answer, up to join_timeout).
   */
  static ClusterMembership join(String cluster, String member, Optional<String> secret, Runnable meanwhile)
      throws Exception {
    long start = System.nanoTime();
    JChannel channel;
    try (InputStream stack = ClusterMembership.class.getResourceAsStream(STACK)) {
      channel = new JChannel(stack);
    }
    ClusterMembership membership = new ClusterMembership(channel);
    try {
      channel.setName(member);
      if (secret.isPresent()) {
        AUTH auth = new AUTH().setAuthToken(new SecretToken(secret.get()));
        channel.getProtocolStack().insertProtocol(auth, ProtocolStack.Position.BELOW, GMS.class);
        auth.init(); // the stack was initialised when the channel was created
      }
      channel.setReceiver(new Receiver() {
        @Override
        public void viewAccepted(View newView) {
          membership.view = newView;
          Log.line("view " + newView.getViewId().getId() + ": " + names(newView.getMembers()));
        }
      });
      long built = System.nanoTime();
      new Thread(meanwhile, "while-joining").start();
      channel.connect(cluster);
      membership.view = channel.getView();
      membership.stackMillis = (built - start) / 1_000_000;
      membership.joinMillis = (System.nanoTime() - built) / 1_000_000;
    } catch (Exception e) {
      channel.close();
      throw e;
    }
    return membership;
  }

  /** How long building the JGroups stack took, then connecting (joining). */
  String timings() {
    return "JGroups stack " + stackMillis + "ms, join " + joinMillis + "ms";
  }

  String self() {
    return channel.getName();
  }

  /** The members in the current view, this one included, in view order. */
  List<String> members() {
    View current = view;
    return current == null ? List.of(self()) : names(current.getMembers());
  }

  private static List<String> names(List<Address> addresses) {
    return addresses.stream().map(a -> Optional.ofNullable(NameCache.get(a)).orElse(a.toString())).toList();
  }

  @Override
  public void close() {
    channel.close();
  }
}
