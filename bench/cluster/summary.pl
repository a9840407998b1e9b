#!/usr/bin/env perl
# Medians of bench/cluster/run.sh's runs per example and side, and new/base (or three/one) ratios of the medians.
#   summary.pl RUNS_FILE      (lines "EXAMPLE SIDE key=seconds ...", as run.sh prints them)
use strict;
use warnings;

my (%values, @keys, %seenKey, @groups, %seenGroup);
while (<>) {
    my ($example, $side, @fields) = split;
    next unless @fields && $fields[0] =~ /^total=/;
    my $group = "$example $side";
    push @groups, $group unless $seenGroup{$group}++;
    for (@fields) {
        my ($key, $value) = split /=/;
        push @keys, $key unless $seenKey{$key}++;
        $value =~ s/ms$// and $value = $value / 1000 if $value =~ /ms$/;
        $value =~ s/s$//;
        push @{$values{$group}{$key}}, $value if $value =~ /^[0-9.]+$/;
    }
}
sub median {
    my @v = sort { $a <=> $b } @_;
    return undef unless @v;
    return @v % 2 ? $v[$#v / 2] : ($v[@v / 2 - 1] + $v[@v / 2]) / 2;
}
my %median;
printf "%-20s %4s %s\n", 'medians (s)', 'n', join(' ', map { sprintf '%8s', $_ } @keys);
for my $group (@groups) {
    my $n = scalar @{$values{$group}{total} // []};
    my @cells;
    for my $key (@keys) {
        my $m = median(@{$values{$group}{$key} // []});
        $median{$group}{$key} = $m;
        push @cells, defined $m ? sprintf('%8.2f', $m) : sprintf('%8s', '-');
    }
    printf "%-20s %4d %s\n", $group, $n, join(' ', @cells);
}
# new/base, or three hosts over one (TESTBED=1)
for my $group (grep { / (new|three)$/ } @groups) {
    my ($side) = $group =~ / (\w+)$/;
    my $against = $side eq 'new' ? 'base' : 'one';
    (my $base = $group) =~ s/ $side$/ $against/;
    next unless $median{$base};
    my @cells;
    for my $key (@keys) {
        my ($b, $n) = ($median{$base}{$key}, $median{$group}{$key});
        push @cells, defined $b && defined $n && $b > 0 ? sprintf('%8.2f', $n / $b) : sprintf('%8s', '-');
    }
    (my $example = $group) =~ s/ $side$//;
    printf "%-20s %4s %s\n", "$example $side/$against", '', join(' ', @cells);
}
