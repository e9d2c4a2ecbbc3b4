#!/usr/bin/env bash
# Instala con apt-get los paquetes de herramientas/paquetes-debian.txt que falten.
# Sin permisos de administrador solo avisa: las pruebas que los necesitan se saltan fuera de CI.
set -euo pipefail
cd "$(dirname "$0")"
faltan=()
while read -r paquete; do
  [[ -z "$paquete" || "$paquete" == \#* ]] && continue
  dpkg -s "$paquete" >/dev/null 2>&1 || faltan+=("$paquete")
done < paquetes-debian.txt
[ ${#faltan[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Instalando paquetes de Debian: ${faltan[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${faltan[@]}"
else
  echo "Aviso: faltan paquetes de Debian (${faltan[*]}); instálalos con: sudo apt-get install ${faltan[*]}" >&2
fi
