defmodule HelloBeam.Http do
  @moduledoc """
  A tiny HTTP/1.0 responder on `:gen_tcp` (no dependencies): `GET /health` (200 `ok`),
  `GET /version`, `GET /cluster` (`{"self":"...","members":[...]}`, node names, self included).
  One request per connection.
  """
  use Task, restart: :permanent
  require Logger

  def start_link(port), do: Task.start_link(__MODULE__, :listen, [port])

  def listen(port) do
    {:ok, socket} =
      :gen_tcp.listen(port, [:binary, packet: :http_bin, active: false, reuseaddr: true, ip: bind()])

    {:ok, listening} = :inet.port(socket)
    Logger.info("hello_beam #{version()} listening on port #{listening} as #{node()}")
    accept(socket)
  end

  defp accept(socket) do
    {:ok, client} = :gen_tcp.accept(socket)
    {:ok, pid} = Task.start(fn -> serve(client) end)
    :ok = :gen_tcp.controlling_process(client, pid)
    accept(socket)
  end

  defp serve(client) do
    case :gen_tcp.recv(client, 0, 5_000) do
      {:ok, {:http_request, method, {:abs_path, path}, _version}} ->
        drain_headers(client)
        {status, type, body} = answer(method, path)
        :gen_tcp.send(client, [
          "HTTP/1.0 #{status}\r\ncontent-type: #{type}\r\ncontent-length: #{byte_size(body)}\r\n",
          "connection: close\r\n\r\n",
          body
        ])

      _ ->
        :ok
    end

    :gen_tcp.close(client)
  end

  defp drain_headers(client) do
    case :gen_tcp.recv(client, 0, 5_000) do
      {:ok, {:http_header, _, _, _, _}} -> drain_headers(client)
      _ -> :ok
    end
  end

  # A version ending in "-broken" (build.sh 1.2.0-broken) fails its health check on purpose, for
  # trying rollbacks.
  defp answer(:GET, "/health") do
    if String.ends_with?(version(), "-broken"),
      do: {"503 Service Unavailable", "text/plain", "broken on purpose\n"},
      else: {"200 OK", "text/plain", "ok\n"}
  end

  defp answer(:GET, "/version"), do: {"200 OK", "text/plain", version()}
  defp answer(:GET, "/cluster"), do: {"200 OK", "application/json", cluster_json()}
  defp answer(:GET, _), do: {"404 Not Found", "text/plain", "no such path\n"}
  defp answer(_, _), do: {"405 Method Not Allowed", "text/plain", "only GET\n"}

  # Node names are atoms of letters, digits, '_', '-', '.' and '@': nothing JSON must escape.
  defp cluster_json do
    members = Enum.map_join([node() | Node.list()], ",", &~s("#{&1}"))
    ~s({"self":"#{node()}","members":[#{members}]}) <> "\n"
  end

  defp version, do: to_string(Application.spec(:hello_beam, :vsn))

  defp bind do
    {:ok, address} = :inet.parse_address(String.to_charlist(System.get_env("BIND", "0.0.0.0")))
    address
  end
end
