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
          # The release carries the Erlang runtime (ERTS) and OTP's applications, so it runs on an
          # image without Erlang (cul8er/debian12, images:debian/12): see README.md.
          include_erts: true,
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
