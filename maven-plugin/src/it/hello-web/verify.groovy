// After the Maven run of invoker.properties: the release built by `mvn package` serves behind
// the edge, each goal printed what the CLI prints, and the failed rollback failed the build with the
// CLI's error and no stack trace. Then the topology is destroyed, as the CLI does it.
import io.cul8er.cli.Main
import java.nio.charset.StandardCharsets

def topology = 'mvnplugin-it'
def file = new File(basedir, 'cul8er/mvnplugin-it.cul8').path
def log = new File(basedir, 'build.log').getText('UTF-8')
def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what + '\n--- build.log ---\n' + log) }

try {
    def version = (log =~ /cul8er: release hello-web (1\.3\.0-SNAPSHOT\.[0-9a-f]{12}) for resource web of mvnplugin-it: (\S+)/)
    expect(version.find(), 'the deploy names the built release')
    def built = version.group(1)
    expect(new File(version.group(2)).name == "hello-web-${built}.tar.gz", 'the tarball is in target/cul8er')

    expect(log.contains('Valid: 1 topology (mvnplugin-it) in 1 file.'), 'validate')
    expect(log.contains("+ release:       \"${built}\""), 'the plan shows the built release')
    expect(log.contains('Plan: 1 to add, 0 to change, 0 to replace, 0 to destroy.'), 'the plan adds one instance')
    def q = java.util.regex.Pattern.quote(built)
    expect((log =~ /(?m)^mvnplugin-it-web +web +local +running +Running .* ${q} +${q} +UP /).find(),
        'status shows the instance running the built version')

    def served = new URL('http://127.0.0.1:18440/version').getText('UTF-8')
    expect(served == '1.3.0-SNAPSHOT', "the edge serves the built jar, got '${served}'")

    def failure = "[ERROR] Failed to execute goal io.cul8er:cul8er-maven-plugin:${System.getProperty('cul8er.plugin.version', '0.1.0-SNAPSHOT')}:rollback (default-cli) on project hello-web:" +
        " cul8er rollback mvnplugin-it failed (exit 1): error: Cannot roll mvnplugin-it back: mvnplugin-it-web never ran" +
        " another version; deploy the version you want with `cul8er deploy --version`"
    expect(log.contains(failure), 'the rollback fails with the CLI\'s error')
    expect(!(log =~ /(?m)^\s+at [a-z]/).find(), 'no stack trace')
} finally {
    def out = new StringWriter()
    int code = Main.run(new PrintWriter(out), new PrintWriter(out), 'destroy', topology, '-f', file, '--yes')
    if (code != 0) throw new AssertionError('destroy ' + topology + ' exited ' + code + ':\n' + out)
}
return true
