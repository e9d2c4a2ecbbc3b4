#!/usr/bin/env bash
# Crea el entorno virtual $1 con python3. En Debian, `venv` vive en el paquete python3-venv.
set -euo pipefail
destino="$1"
python="${PYTHON:-python3}"
if "$python" -m venv "$destino" 2>/dev/null; then exit 0; fi
rm -rf "$destino"
version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Falta el módulo venv de Python; instalando python${version}-venv con apt-get…"
  apt-get update -qq && apt-get install -y -qq "python${version}-venv" || apt-get install -y -qq python3-venv
  exec "$python" -m venv "$destino"
fi
echo "No se pudo crear el entorno virtual: falta el módulo venv de Python." >&2
echo "En Debian o Ubuntu instálalo con:  sudo apt-get install python3-venv" >&2
exit 1
