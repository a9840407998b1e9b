defmodule HelloBeam.MixProject do
  use Mix.Project

  # build.sh passes the release version in HELLO_BEAM_VERSION.
  @version System.get_env("HELLO_BEAM_VERSION", "1.0.0")

  def project do
    [
      app: :hello_beam,
      version: @version,
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      deps: [],
      releases: [
        hello_beam: [
          # The instance's /usr is the host's (cul8er/userland), so its Erlang runs the release:
          # see README.md.
          include_erts: false,
          include_executables_for: [:unix],
          steps: [:assemble]
        ]
      ]
    ]
  end

  def application do
    [extra_applications: [:logger], mod: {HelloBeam.Application, []}]
  end
end
