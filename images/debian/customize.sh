#!/bin/sh
# mmdebstrap --customize-hook for the Debian variants (called by images/build.sh, on the build
# machine, after every package is installed):
#   customize.sh VARIANT ROOTFS OUTDIR
# Writes OUTDIR/packages.installed (what dpkg installed) and OUTDIR/debian_version.
set -eu
variant=$1 root=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)

install -m 0644 "$here/interfaces" "$root/etc/network/interfaces"
mkdir -p "$root/etc/network/interfaces.d"
# Made per instance: the machine id by systemd at first boot, the host name by Incus's template,
# resolv.conf by dhclient. The build machine's must not stay in the image.
: > "$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id"
echo "$variant" > "$root/etc/hostname"
rm -f "$root/etc/resolv.conf"
: > "$root/etc/resolv.conf"

if [ "$variant" = debian12-host ]; then
    install -m 0755 "$here/cul8er-cgroup-split" "$root/usr/local/sbin/cul8er-cgroup-split"
    install -m 0644 "$here/cul8er-cgroup-split.service" "$root/etc/systemd/system/cul8er-cgroup-split.service"
    install -m 0644 "$here/cul8er-ssh-hostkeys.service" "$root/etc/systemd/system/cul8er-ssh-hostkeys.service"
    chroot "$root" systemctl enable cul8er-cgroup-split.service cul8er-ssh-hostkeys.service
    # Every host made from the image gets its own keys at first boot (cul8er-ssh-hostkeys.service).
    rm -f "$root"/etc/ssh/ssh_host_*
    # Unprivileged inner containers need a range of ids for root.
    for f in subuid subgid; do
        grep -q '^root:' "$root/etc/$f" 2>/dev/null || echo "root:1000000:1000000000" >> "$root/etc/$f"
    done
fi

mkdir -p "$root/usr/share/cul8er"
chroot "$root" dpkg-query -W -f '${Package} ${Version}\n' | LC_ALL=C sort > "$out/packages.installed"
cp "$out/packages.installed" "$root/usr/share/cul8er/packages"
cp "$root/etc/debian_version" "$out/debian_version"
