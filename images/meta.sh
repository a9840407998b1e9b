# Sourced by images/build.sh (part of every image's cache key).
# Writes OUT/meta.tar.gz: metadata.yaml with the image properties read from stdin (YAML lines, indented
# two spaces) and the hostname and hosts templates of TEMPLATES.
write_meta() {   # out templates
    local out=$1 templates=$2
    rm -rf "$out/meta"
    mkdir -p "$out/meta/templates"
    install -m 0644 "$templates/hostname.tpl" "$out/meta/templates/hostname.tpl"
    install -m 0644 "$templates/hosts.tpl"    "$out/meta/templates/hosts.tpl"
    {
        echo "architecture: $(uname -m)"
        echo "creation_date: $(date +%s)"
        echo "properties:"
        echo "  architecture: $(uname -m)"
        cat
        cat <<EOF
templates:
  /etc/hostname:
    when: [create, copy, rename]
    template: hostname.tpl
  /etc/hosts:
    when: [create, copy, rename]
    template: hosts.tpl
EOF
    } > "$out/meta/metadata.yaml"
    tar --numeric-owner --owner=0 --group=0 --sort=name -C "$out/meta" -cf - . \
        | gzip -n > "$out/meta.tar.gz"
    rm -rf "$out/meta"
}
