#!/usr/bin/env bash
# Make sure a Java runtime Spark 4 can use (17 or newer) is installed; install Debian's
# default-jre-headless (OpenJDK 17 on Debian 12) only when `java` is missing or too old.
# Used by .ci/run before `make test`; safe to run any number of times.
set -euo pipefail

WANT=17

java_major() {
    local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
    command -v "$java" >/dev/null 2>&1 || { echo 0; return; }
    # `java -version` prints e.g. 'openjdk version "17.0.15" 2025-04-15' (or "1.8.0_392") on stderr
    "$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)\.\{0,1\}\([0-9]*\).*/\1 \2/p' | head -n 1 |
        awk '{ print ($1 == 1 ? $2 : $1) }'
}

have="$(java_major)"
if [ "${have:-0}" -ge "$WANT" ]; then
    echo "ensure-java: Java $have found, nothing to install"
    exit 0
fi

echo "ensure-java: Java ${have:-none} found, Spark needs $WANT+; installing default-jre-headless"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "ensure-java: run as root or install sudo" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null

have="$(java_major)"
if [ "${have:-0}" -lt "$WANT" ]; then
    echo "ensure-java: installed, but \`java\` is still ${have:-missing}; set JAVA_HOME to a Java $WANT+" >&2
    exit 1
fi
echo "ensure-java: Java $have installed"
