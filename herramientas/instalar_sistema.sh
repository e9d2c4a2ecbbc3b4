#!/usr/bin/env bash
# Instala con apt-get los paquetes de herramientas/paquetes-debian.txt que falten (o solo los nombrados
# como argumentos, que deben estar en esa lista). Sin permisos de administrador solo avisa: las pruebas
# que los necesitan se saltan fuera de CI, y calificar se rehúsa sin bubblewrap.
set -euo pipefail
cd "$(dirname "$0")"
faltan=()
while read -r paquete; do
  [[ -z "$paquete" || "$paquete" == \#* ]] && continue
  if [ $# -gt 0 ] && [[ ! " $* " == *" $paquete "* ]]; then continue; fi
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
