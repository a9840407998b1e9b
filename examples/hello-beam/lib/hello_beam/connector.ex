defmodule HelloBeam.Connector do
  @moduledoc """
  Connects this node to its peers the way libcluster's Epmd strategy does with a `timeout`:
  every peer that is not connected is tried again every #{500} ms, for as long as the node runs.
  Each attempt runs in its own process, so an unreachable peer does not delay the others.
  """
  use GenServer
  require Logger

  @retry_ms 500

  def start_link(peers), do: GenServer.start_link(__MODULE__, peers, name: __MODULE__)

  @impl true
  def init(peers) do
    :ok = :net_kernel.monitor_nodes(true)
    others = Enum.reject(peers, &(&1 == node()))
    Logger.info("#{node()} connecting to #{inspect(others)}")
    send(self(), :connect)
    {:ok, %{peers: others, attempts: %{}}}
  end

  @impl true
  def handle_info(:connect, state) do
    connected = Node.list()

    attempts =
      state.peers
      |> Enum.reject(&(&1 in connected or Map.has_key?(state.attempts, &1)))
      |> Map.new(fn peer ->
        {pid, _ref} = spawn_monitor(fn -> Node.connect(peer) end)
        {peer, pid}
      end)
      |> Map.merge(state.attempts)

    Process.send_after(self(), :connect, @retry_ms)
    {:noreply, %{state | attempts: attempts}}
  end

  def handle_info({:DOWN, _ref, :process, pid, _reason}, state) do
    {:noreply, %{state | attempts: Map.reject(state.attempts, fn {_peer, p} -> p == pid end)}}
  end

  def handle_info({:nodeup, peer}, state) do
    Logger.info("nodeup #{peer}: sees #{inspect(Node.list())}")
    {:noreply, state}
  end

  def handle_info({:nodedown, peer}, state) do
    Logger.info("nodedown #{peer}: sees #{inspect(Node.list())}")
    {:noreply, state}
  end
end
