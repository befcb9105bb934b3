# Sourced (POSIX sh) by ./mvnw, ./ecommerce and .ci/run: makes JAVA_HOME a JDK 21 or newer.
#
# Maven itself must run on 21+, not only the compiler and the tests: the jOOQ code generator and the
# Flyway plugin run inside Maven's own JVM, which Maven toolchains do not change (see
# docs/design/jdk-selection.md). So the wrapper picks the JDK before Maven starts:
#   1. JAVA_HOME, when it is a JDK 21+;
#   2. else the `java` on PATH, when it is 21+ (JAVA_HOME stays as it was);
#   3. else the newest JDK 21+ in the usual install locations (exported as JAVA_HOME);
#   4. else nothing changes, and the build's enforcer rule says what is missing.
# Afterwards ECOMMERCE_JAVA is the chosen `java` command, or empty when there is no JDK 21+.
# ECOMMERCE_JDK_QUIET=true silences the one line that says which JDK was chosen.

# The major version of the `java` command $1: from its JDK's release file (no JVM started), else
# from the JVM itself.
ecommerce_java_major() {
  release="$(dirname "$(dirname "$(readlink -f "$1" 2>/dev/null || echo "$1")")")/release"
  major=''
  [ -f "$release" ] && major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1)
  if [ -n "$major" ]; then
    echo "$major"
  else
    "$1" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}

ecommerce_select_jdk() {
  ECOMMERCE_JAVA=''
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(ecommerce_java_major "$JAVA_HOME/bin/java")
    [ "${major:-0}" -ge 21 ] && ECOMMERCE_JAVA="$JAVA_HOME/bin/java" && return 0
  elif [ -z "${JAVA_HOME-}" ] && command -v java >/dev/null 2>&1; then
    major=$(ecommerce_java_major "$(command -v java)")
    [ "${major:-0}" -ge 21 ] && ECOMMERCE_JAVA=$(command -v java) && return 0
  fi
  best='' best_major=0
  # the caller (mvnw) may run with globbing off
  case $- in *f*) glob_was_off=true; set +f ;; *) glob_was_off=false ;; esac
  for jdk in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "${HOME-}"/.sdkman/candidates/java/* \
             "${HOME-}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$jdk/bin/java" ] && [ -x "$jdk/bin/javac" ] || continue
    [ -L "$jdk" ] && continue    # aliases such as /usr/lib/jvm/default-java: the target is listed too
    major=$(ecommerce_java_major "$jdk/bin/java")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$jdk best_major=$major; fi
  done
  [ "$glob_was_off" = true ] && set -f
  if [ -n "$best" ]; then
    JAVA_HOME=$best
    export JAVA_HOME
    ECOMMERCE_JAVA="$best/bin/java"
    [ "${ECOMMERCE_JDK_QUIET-}" = true ] || echo "Using the JDK $best_major at $JAVA_HOME (the default java is older than 21)" >&2
  fi
  return 0
}

ecommerce_select_jdk
