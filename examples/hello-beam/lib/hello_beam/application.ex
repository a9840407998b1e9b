defmodule HelloBeam.Application do
  @moduledoc false
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {HelloBeam.Connector, peers()},
      {HelloBeam.Http, port()}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: HelloBeam.Supervisor)
  end

  # CUL8ER_CLUSTER_PEERS: every member's node name, comma separated (this node's own included).
  defp peers do
    System.get_env("CUL8ER_CLUSTER_PEERS", "")
    |> String.split(",", trim: true)
    |> Enum.map(&String.trim/1)
    |> Enum.reject(&(&1 == ""))
    |> Enum.map(&String.to_atom/1)
  end

  defp port, do: String.to_integer(System.get_env("PORT", "4000"))
end
