#!/usr/bin/env perl
# Where the time of one cluster deploy went, from what bench/cluster/run.sh recorded:
#   breakdown.pl OUT FACTS START END MEMBERS
# OUT: the deploy's output, each line prefixed with the epoch time it was read at ("%.3f ").
# FACTS: lines "INSTANCE stat PATH EPOCH" (the env file, the pid file) and "INSTANCE log LINE" (the
# release's output), read from the members after the deploy. START, END: epoch times around the
# deploy. MEMBERS: the cluster's size.
#
# Prints one line of "key=seconds" fields, the milestones of the deploy's critical path (each one
# reached by the last member to reach it), as durations from the milestone before:
#   plan     start -> the first "create" line (JVM start, parse, refresh, plan)
#   boot     -> the last member running with an address (create, start, DHCP)
#   phase    -> the first "install" line (state recorded, release phase started)
#   stage    -> the last env file written (probe, upload, unpack, run script and env file)
#   spawn    -> the last release process started (pid file written: the init system started it)
#   healthy  -> the last member healthy (the runtime boots; hello-cluster joins before it serves)
#   verified -> the formation check passed (membership probe rounds)
#   exit     -> the command ended (report, state, JVM exit)
# and, besides: total (start -> end), formed (what the deploy prints: from the end of the last
# member's install step to the check passing), started (from the last release process start, its
# pid file, to the check passing: healthy + verified) and joined (from the last release process start to the moment the last member's
# own log shows all the others: JGroups "view N: [a, b, c]", hello_beam "nodeup ...: sees [...]").
# From the examples' start lines, the slowest member's: runtime (its process start -> hello-cluster's
# main, or -> hello_beam listening: the VM's boot) and, for hello-cluster, stack (JGroups stack
# built) and join (connect -> in a view).
use strict;
use warnings;
use Time::Local qw(timegm);

my ($out, $facts, $start, $end, $members) = @ARGV;
die "usage: breakdown.pl OUT FACTS START END MEMBERS\n" unless defined $members;

my (%first, %last);
sub seen { my ($key, $t) = @_; $first{$key} //= $t; $last{$key} = $t; }

my $formed = '';
open my $o, '<', $out or die "$out: $!\n";
while (<$o>) {
    my ($t, $line) = /^(\d+\.\d+) (.*)$/ or next;
    seen('create', $t) if $line =~ /\] \S+: create \S+ from /;
    seen('running', $t) if $line =~ /: done: wait until \S+ runs/;
    seen('install', $t) if $line =~ /: install \S+ in \S+\.\.\.$/;
    seen('healthy', $t) if $line =~ /: done: check \S+: healthy/;
    seen('verified', $t) if $line =~ /: done: wait until the \d+ member\(s\) of cluster/;
    $formed = $1 if $line =~ /Cluster \S+ formed in ([0-9.]+ m?s)/;
}
close $o;

my (%env, %pid, %full, %start_line);
my @day = gmtime($start);
my $midnight = timegm(0, 0, 0, $day[3], $day[4], $day[5]);
open my $f, '<', $facts or die "$facts: $!\n";
while (<$f>) {
    chomp;
    my ($instance, $kind, $rest) = split / /, $_, 3;
    next unless defined $rest;
    if ($kind eq 'stat') {
        my ($path, $epoch) = split / /, $rest;
        $env{$instance} = $epoch if $path =~ m{/env$};
        $pid{$instance} = $epoch if $path =~ m{\.pid$};
        next;
    }
    if ($rest =~ /^(\S+) hello-cluster \S+ listening on .*, ([0-9.]+)ms after main(?: \(JGroups stack (\d+)ms, join (\d+)ms\))?/) {
        $start_line{$instance} = [stamp($1), $2 / 1000, $3, $4];
    } elsif ($rest =~ /^(\S+) \[info\] hello_beam \S+ listening on port/) {
        $start_line{$instance} = [stamp($1), 0];
    }
    # A log line that shows this member with all the others: a JGroups view of MEMBERS names, or a
    # BEAM nodeup that sees MEMBERS - 1 others.
    my $count;
    if ($rest =~ /\bview \d+: \[([^\]]*)\]/) {
        $count = () = $1 =~ /[^,\s][^,]*/g;
        $count = $count == $members ? 1 : 0;
    } elsif ($rest =~ /\bnodeup \S+ sees \[([^\]]*)\]/) {
        my $n = () = $1 =~ /[^,\s][^,]*/g;
        $count = $n == $members - 1 ? 1 : 0;
    }
    next unless $count;
    my $t = stamp((split / /, $rest)[0]);
    $full{$instance} //= $t if defined $t;
}
close $f;

# A log line's time: JGroups' ISO instant, or Elixir's Logger time of day (UTC, the deploy's day).
sub stamp {
    my ($text) = @_;
    if ($text =~ /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?Z$/) {
        return timegm($6, $5, $4, $3, $2 - 1, $1) + ($7 // 0);
    } elsif ($text =~ /^(\d\d):(\d\d):(\d\d)(\.\d+)?$/) {
        my $t = $midnight + $1 * 3600 + $2 * 60 + $3 + ($4 // 0);
        return $t < $start - 43200 ? $t + 86400 : $t;
    }
    return undef;
}

sub max { my $m; for (@_) { $m = $_ if defined $_ && (!defined $m || $_ > $m); } $m }
my @milestones = (
    [plan => $first{create}], [boot => $last{running}], [phase => $first{install}],
    [stage => max(values %env)], [spawn => max(values %pid)], [healthy => $last{healthy}],
    [verified => $last{verified}], [exit => $end],
);
my @fields = (sprintf('total=%.2f', $end - $start), 'formed=' . ($formed =~ s/ //r || '-'));
my $before = $start;
for my $m (@milestones) {
    my ($key, $t) = @$m;
    if (defined $t) {
        push @fields, sprintf('%s=%.2f', $key, $t - $before);
        $before = $t;
    } else {
        push @fields, "$key=-";
    }
}
my $lastPid = max(values %pid);
push @fields, defined $lastPid && defined $last{verified} ? sprintf('started=%.2f', $last{verified} - $lastPid)
    : 'started=-';
my $joined = keys(%full) == $members && defined $lastPid ? sprintf('%.2f', max(values %full) - $lastPid) : '-';
push @fields, "joined=$joined";
my (@runtime, @stack, @join);
for my $instance (keys %start_line) {
    my ($t, $afterMain, $stack, $join) = @{$start_line{$instance}};
    push @runtime, $t - $afterMain - $pid{$instance} if defined $t && defined $pid{$instance};
    push @stack, $stack / 1000 if defined $stack;
    push @join, $join / 1000 if defined $join;
}
push @fields, map { my ($k, $v) = @$_; defined $v ? sprintf('%s=%.2f', $k, $v) : "$k=-" }
    [runtime => max(@runtime)], [stack => max(@stack)], [join => max(@join)];
print join(' ', @fields), "\n";
