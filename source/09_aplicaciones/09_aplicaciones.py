# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: kernelspec,-jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lección 09 · Aplicaciones: entrenar redes recurrentes en problemas reales
#
# En las lecciones 01 a 08 escribiste, ecuación por ecuación, la RNN, la LSTM, sus variantes y la GRU. Ahora las **entrenamos** en dos problemas con datos reales y vemos la memoria funcionar (o fallar):
#
# 1. **El metro de la CDMX.** Al llegar a Pantitlán, ¿qué estación sigue? Depende de la línea en la que subiste, que viste muchos pasos antes.
# 2. **La demanda de electricidad.** Pronosticar la siguiente media hora de consumo eléctrico de Inglaterra y Gales (año 2000) y compararlo, con honestidad, contra pronósticos ingenuos.
#
# **Al terminar podrás:**
#
# 1. recortar el gradiente por su norma y dar un paso del optimizador Adam;
# 2. partir una serie de tiempo en entrenamiento, validación y prueba **sin barajar**;
# 3. cortar ventanas y normalizar sin filtrar información del futuro;
# 4. medir un pronóstico con el error absoluto medio y compararlo con líneas base honestas.
#
# **Cómo trabajar.** Igual que en las lecciones anteriores: ejecuta las celdas en orden y, donde veas `# TU CÓDIGO AQUÍ`, borra `raise NotImplementedError()` y escribe tu solución. Cada ejercicio va seguido de sus pruebas visibles; al calificar se agregan pruebas ocultas.
#
# Los modelos que entrenamos aquí son las mismas ecuaciones que ya escribiste, pero **en lote** y optimizadas; como entrenarlos toma minutos, el cuaderno muestra sus resultados ya calculados. Tus funciones de las lecciones anteriores (`paso_rnn`, `paso_lstm`, `paso_gru`…) siguen siendo el lugar donde se aprenden las ecuaciones; aquí no las volvemos a pedir.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import matplotlib.pyplot as plt
import numpy as np

from course.datos import aplicaciones, energia, metro
from course.diagramas import diagrama_rnn_desenrollada
from course.graficas import grafica_exactitud, grafica_perdida, grafica_pronostico
from course.paneles import panel_recorte
from course.pruebas import comprobar_cercano, comprobar_escalar, comprobar_forma, generador

# %% [markdown]
# ### Resultados ya calculados
#
# Entrenar de verdad toma minutos. Para que el cuaderno corra en unos segundos, las redes de esta lección ya se entrenaron con un **presupuesto corto** (pocas iteraciones y una sola semilla) y aquí cargamos lo que produjeron: las curvas de pérdida, las exactitudes y el pronóstico. Las cifras del presupuesto completo que citamos más abajo salen de `make bench`, en el repositorio del curso.

# %%
RESULTADOS = aplicaciones.resultados()
ITERACIONES_METRO = RESULTADOS["metro"]["iteraciones"]
SEMILLAS = tuple(RESULTADOS["metro"]["semillas"])
ITERACIONES_ENERGIA = RESULTADOS["energia"]["iteraciones"]
print(f"Metro: {ITERACIONES_METRO} iteraciones, semillas {SEMILLAS}. Energía: {ITERACIONES_ENERGIA} iteraciones.")

# %% [markdown]
# ## 1. Las herramientas del entrenamiento
#
# Entrenar una red recurrente es repetir tres pasos: calcular la pérdida de un **lote** de ejemplos, obtener su gradiente con la retropropagación a través del tiempo y mover los parámetros un poco en contra del gradiente. Dos detalles hacen que esto funcione en la práctica con redes recurrentes.
#
# ### Un solo producto matricial por paso
#
# Las cuatro redes internas de la LSTM (compuerta de olvido, compuerta de entrada, valor candidato y compuerta de salida) reciben la misma entrada $[h_{t-1}; x_t]$. En lugar de cuatro productos, el modelo de esta lección **apila** las cuatro matrices una sobre otra en una sola $W$ de forma `(4 n_h, n_h + n_x)` y hace un único producto por paso para los $m$ ejemplos del lote; luego reparte los renglones entre las compuertas. La parte que depende de la entrada se calcula para toda la secuencia con un solo producto antes del ciclo. Así, en este equipo, la LSTM en numpy queda cerca de la velocidad de `torch.nn.LSTM` (lo medimos con `make bench`).

# %%
rng = generador(0)
n_x, n_h = 3, 4
bloques = ("f", "i", "o", "C")
W_apilada = np.vstack([rng.standard_normal((n_h, n_h + n_x)) for _ in bloques])
print("orden de los bloques de renglones:", bloques)
print("forma de W apilada:", W_apilada.shape, "= (4·n_h, n_h + n_x)")


# %% [markdown]
# ### Recortar el gradiente
#
# En la lección 01 viste que el gradiente de una red recurrente puede **explotar**: crecer muchísimo al viajar hacia atrás en el tiempo. Un solo paso con un gradiente enorme arruina lo aprendido. La solución habitual es **recortarlo por su norma**: juntamos todos los gradientes de todos los parámetros como si fueran un solo vector $g$ y calculamos su norma
#
# $$\lVert g \rVert = \sqrt{\textstyle\sum_{\text{parámetros}} \sum_{\text{entradas}} g^2}.$$
#
# Si $\lVert g \rVert$ pasa de un umbral $u$, **todos** los gradientes se multiplican por el mismo factor $u / \lVert g \rVert$; si no, se dejan igual. Así la dirección del paso no cambia, solo su tamaño.
#
# ### Ejercicio 1 · Recortar el gradiente por su norma (2 puntos)
#
# Escribe `recortar_gradiente(gradientes, umbral)`. `gradientes` es un diccionario `{nombre: arreglo}` (por ejemplo `{"W": ..., "b": ...}`); devuelve un diccionario **nuevo** con las mismas claves.
#
# * La norma es **una sola** para todos los arreglos juntos (no una por arreglo).
# * No recortes cada entrada por separado con `np.clip`: eso cambia la dirección del gradiente.

# %% nbgrader={"grade": false, "grade_id": "recortar_gradiente", "locked": false, "schema_version": 3, "solution": true}
def recortar_gradiente(gradientes, umbral):
    """Recorta por la norma global.

    gradientes: diccionario {nombre: arreglo de cualquier forma}, umbral > 0  ->  diccionario con las mismas claves y formas
    """
    ### BEGIN SOLUTION
    norma = np.sqrt(sum(np.sum(g ** 2) for g in gradientes.values()))
    if norma > umbral:
        factor = umbral / norma
    else:
        factor = 1.0
    recortados = {nombre: g * factor for nombre, g in gradientes.items()}
    ### END SOLUTION
    return recortados


# %% nbgrader={"grade": true, "grade_id": "recortar_gradiente_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Norma global: √(3² + 4² + 12²) = 13; con umbral 2.6 el factor es 2.6 / 13 = 0.2.
gradientes = {"W": np.array([[3.0, 4.0]]), "b": np.array([[12.0]])}
recortados = recortar_gradiente(gradientes, 2.6)
assert isinstance(recortados, dict) and set(recortados) == {"W", "b"}, "recortar_gradiente debe devolver un diccionario con las mismas claves."
comprobar_cercano(recortados["W"], [[0.6, 0.8]], "recortados['W']", errores_comunes={
    "¿recortaste cada entrada con np.clip? Hay que escalar todo el gradiente por umbral / norma.": [[2.6, 2.6]],
    "¿usaste la norma de cada arreglo por separado? La norma es una sola para todos los gradientes juntos.": [[1.56, 2.08]],
})
comprobar_cercano(recortados["b"], [[2.4]], "recortados['b']", errores_comunes={
    "¿recortaste cada entrada con np.clip o con su propia norma? Todos los gradientes se escalan por el mismo factor.": [[2.6]],
})
np.testing.assert_allclose(gradientes["W"], [[3.0, 4.0]], err_msg="No modifiques el diccionario que recibes: devuelve uno nuevo.")
# Norma 0.5 < umbral 1: se devuelve igual.
chicos = recortar_gradiente({"W": np.array([[0.3, 0.4]])}, 1.0)
comprobar_cercano(chicos["W"], [[0.3, 0.4]], "gradiente con norma menor que el umbral", errores_comunes={
    "Solo se recorta si la norma pasa del umbral; si es menor, el gradiente no cambia.": [[0.6, 0.8]],
})
print("¡Bien! recortar_gradiente pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.modelos.recorte import limitar_norma
for semilla in range(6):
    rng = generador(90 + semilla)
    formas = [tuple(int(v) for v in rng.integers(1, 5, size=rng.integers(1, 3))) for _ in range(int(rng.integers(1, 4)))]
    gradientes = {f"p{k}": rng.standard_normal(forma) * 10.0 ** float(rng.integers(-2, 4)) for k, forma in enumerate(formas)}
    umbral = float(rng.uniform(0.5, 5.0))
    esperado, _ = limitar_norma(gradientes, umbral)
    obtenido = recortar_gradiente(gradientes, umbral)
    assert set(obtenido) == set(esperado), "recortar_gradiente debe devolver las mismas claves."
    for nombre in esperado:
        comprobar_cercano(obtenido[nombre], esperado[nombre], f"gradientes['{nombre}'] con umbral {umbral:.2f}")
# Gradientes enormes, como los de una explosión.
enormes = {"W": np.full((2, 2), 1e150)}
comprobar_cercano(recortar_gradiente(enormes, 1.0)["W"], limitar_norma(enormes, 1.0)[0]["W"], "gradiente enorme")
### END HIDDEN TESTS

# %% [markdown]
# ¿Por qué insistimos en escalar en lugar de usar `np.clip`? El panel recorta con **tu** `recortar_gradiente`: la flecha gris es un gradiente de dos entradas; la azul, el mismo gradiente recortado por su norma (queda dentro del círculo), y la roja, recortado elemento a elemento (queda dentro del cuadrado). Mueve $g_1$, $g_2$ y el umbral: la azul siempre apunta hacia donde apuntaba la gris; la roja, en general, no.

# %%
panel_recorte(recortar_gradiente).mostrar()


# %% [markdown]
# ### Adam
#
# Con el gradiente ya recortado damos el paso. En lugar del descenso de gradiente simple usamos **Adam** (Kingma y Ba, 2015), que para cada parámetro $\theta$ lleva dos promedios móviles: uno del gradiente, $m$, y otro de su cuadrado, $v$. En el paso número $t$ (contando desde 1):
#
# $$m \leftarrow \beta_1 m + (1-\beta_1)\, g, \qquad v \leftarrow \beta_2 v + (1-\beta_2)\, g^2,$$
#
# $$\hat m = \frac{m}{1-\beta_1^t}, \qquad \hat v = \frac{v}{1-\beta_2^t}, \qquad \theta \leftarrow \theta - \alpha\, \frac{\hat m}{\sqrt{\hat v} + \varepsilon}.$$
#
# Como $m$ y $v$ empiezan en cero, en los primeros pasos son demasiado chicos; dividir entre $1-\beta^t$ es la **corrección de sesgo** que los devuelve a la escala correcta. El cociente $\hat m / \sqrt{\hat v}$ hace que el tamaño del paso sea parecido a $\alpha$ aunque el gradiente sea diminuto o enorme, y cada parámetro recibe su propia escala. Lo que Adam **no** arregla es el gradiente que se desvanece a lo largo del tiempo: el gradiente de cada peso es una suma sobre los pasos, y si lo que llega desde hace muchos pasos ya es casi cero, reescalar la suma no lo recupera (la dirección la siguen dictando los pasos cercanos). Eso lo resuelve la arquitectura: la cinta de la LSTM.
#
# ### Ejercicio 2 · Un paso de Adam (2 puntos)
#
# Escribe `paso_adam(theta, g, m, v, t, tasa, beta1, beta2, eps)` que devuelva la tupla `(theta_nuevo, m_nuevo, v_nuevo)`. Todas las operaciones son elemento a elemento (`g ** 2`, `np.sqrt`); `theta`, `g`, `m` y `v` tienen la misma forma.

# %% nbgrader={"grade": false, "grade_id": "paso_adam", "locked": false, "schema_version": 3, "solution": true}
def paso_adam(theta, g, m, v, t, tasa=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    """Un paso de Adam (t cuenta desde 1).

    theta, g, m, v: arreglos de la misma forma  ->  (theta_nuevo, m_nuevo, v_nuevo) de esa forma
    """
    ### BEGIN SOLUTION
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_corregido = m / (1 - beta1 ** t)
    v_corregido = v / (1 - beta2 ** t)
    theta = theta - tasa * m_corregido / (np.sqrt(v_corregido) + eps)
    ### END SOLUTION
    return theta, m, v


# %% nbgrader={"grade": true, "grade_id": "paso_adam_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Primer paso (t = 1) desde m = v = 0, con tasa 0.1.
theta, g, ceros = np.array([1.0, -2.0]), np.array([0.5, -0.1]), np.zeros(2)
resultado = paso_adam(theta, g, ceros, ceros, 1, tasa=0.1)
assert isinstance(resultado, tuple) and len(resultado) == 3, "paso_adam debe devolver la tupla (theta, m, v)."
theta_1, m_1, v_1 = resultado
comprobar_forma(theta_1, (2,), "theta_nuevo")
# A mano: m = 0.1·g = [0.05, -0.01]; v = 0.001·g² = [0.00025, 0.00001]
comprobar_cercano(m_1, [0.05, -0.01], "m_nuevo", pista="m = beta1·m + (1 − beta1)·g.")
comprobar_cercano(v_1, [0.00025, 0.00001], "v_nuevo", pista="v = beta2·v + (1 − beta2)·g², con el cuadrado de g.")
# Con la corrección de sesgo, m̂ = g y v̂ = g²: el paso es tasa·signo(g).
comprobar_cercano(theta_1, [0.9, -1.9], "theta_nuevo", errores_comunes={
    "¿olvidaste la corrección de sesgo? Divide m entre (1 − beta1**t) y v entre (1 − beta2**t).":
        [1.0 - 0.1 * 0.05 / (np.sqrt(0.00025) + 1e-8), -2.0 + 0.1 * 0.01 / (np.sqrt(0.00001) + 1e-8)],
    "¿olvidaste la raíz cuadrada de v̂ en el denominador?": [1.0 - 0.1 * 0.5 / 0.25, -2.0 + 0.1 * 0.1 / 0.01],
    "¿sumaste el paso en lugar de restarlo? Adam se mueve en contra del gradiente.": [1.1, -2.1],
})
# Un paso más adelante (t = 3) desde momentos distintos de cero.
theta_3, m_3, v_3 = paso_adam(theta, g, np.array([0.2, -0.05]), np.array([0.01, 0.004]), 3, tasa=0.1)
comprobar_cercano(m_3, [0.23, -0.055], "m_nuevo con t = 3")
comprobar_cercano(theta_3, [1.0 - 0.1 * (0.23 / (1 - 0.9**3)) / (np.sqrt(0.01024 / (1 - 0.999**3)) + 1e-8),
                            -2.0 + 0.1 * (0.055 / (1 - 0.9**3)) / (np.sqrt(0.004006 / (1 - 0.999**3)) + 1e-8)],
                  "theta_nuevo con t = 3", pista="¿usaste t en los exponentes de la corrección de sesgo?")
print("¡Bien! paso_adam pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.modelos.adam import actualizar_adam
for semilla in range(6):
    rng = generador(100 + semilla)
    forma = tuple(int(v) for v in rng.integers(1, 5, size=2))
    theta, g = rng.standard_normal(forma), rng.standard_normal(forma) * 10.0 ** float(rng.integers(-3, 3))
    m, v = rng.standard_normal(forma) * 0.1, rng.uniform(0, 0.1, forma)
    t = int(rng.integers(1, 60))
    tasa, beta1, beta2 = float(rng.uniform(1e-3, 0.1)), float(rng.uniform(0.5, 0.95)), float(rng.uniform(0.9, 0.9999))
    esperado = actualizar_adam(theta, g, m, v, t, tasa, beta1, beta2, 1e-8)
    obtenido = paso_adam(theta, g, m, v, t, tasa, beta1, beta2, 1e-8)
    for nombre, a, b in zip(("theta_nuevo", "m_nuevo", "v_nuevo"), obtenido, esperado):
        comprobar_cercano(a, b, f"{nombre} con t={t}, forma {forma}")
# Valores por omisión (tasa 0.001, beta1 0.9, beta2 0.999).
rng = generador(107)
theta, g = rng.standard_normal(4), rng.standard_normal(4)
comprobar_cercano(paso_adam(theta, g, np.zeros(4), np.zeros(4), 1)[0], actualizar_adam(theta, g, np.zeros(4), np.zeros(4), 1)[0], "theta_nuevo con los valores por omisión")
### END HIDDEN TESTS

# %% [markdown]
# ## 2. Problema 1: la memoria del metro
#
# Pantitlán es la terminal de cuatro líneas: la 1, la 5, la 9 y la A. Angelito sube al metro en alguna estación de una de esas líneas y el tren avanza hacia Pantitlán. Durante el trayecto la red **no ve letreros**: en cada paso solo ve lo que pasa en el vagón (un túnel, una parada entre estaciones, un vendedor, el vagón lleno), al azar y sin ninguna pista de la línea. Al llegar a Pantitlán el tren regresa por la misma línea, así que la estación que sigue es la vecina de Pantitlán **en la línea en la que subió**: Zaragoza, Hangares, Puebla o Agrícola Oriental.
#
# La única pista está en el primer paso, $L$ pasos antes de la pregunta. Si la red la olvida, solo puede adivinar: acierta 1 de cada 4 veces (25 %).

# %%
x, y = metro.tarea_pantitlan(L=6, m=3, rng=generador(1))
print("forma de x:", x.shape, "= (símbolos posibles, viajes, L + 1 pasos)")
for j in range(3):
    print(" → ".join(metro.decodificar(x, j)), "⇒ sigue", metro.respuestas()[y[j]])

# %% [markdown]
# Entrenamos con **el mismo presupuesto** tres redes de 16 unidades: la RNN simple, la LSTM y la GRU (mismas iteraciones, mismo tamaño de lote, misma tasa de aprendizaje de Adam, mismo recorte). A la LSTM le damos un sesgo inicial de 3 en la compuerta de olvido, y a la GRU un sesgo de −3 en su compuerta de actualización, para que al principio **tiendan a recordar** (es la práctica habitual; la RNN simple no tiene compuertas a las que dárselo).
#
# Primero una sola red, para ver su curva de pérdida. La pérdida es la entropía cruzada promedio del lote: empieza cerca de $\ln 4 \approx 1.39$ (adivinar entre cuatro) y baja cuando la red aprende a usar la pista.

# %%
curva = RESULTADOS["metro"]["curva"]
fig, ax = plt.subplots(figsize=(6, 3))
grafica_perdida(ax, curva, titulo="LSTM, L = 20")
plt.show()
print(f"Exactitud de la LSTM en 512 viajes nuevos con L = 20: {curva['exactitud']:.1%}")

# %% [markdown]
# Ahora el barrido: para cada distancia $L \in \{5, 10, 20, 40\}$ se entrenaron las tres redes desde cero y se midió su exactitud en 512 viajes nuevos.

# %%
DISTANCIAS = tuple(RESULTADOS["metro"]["distancias"])
resultados = RESULTADOS["metro"]["barrido"]   # {celda: exactitud (distancias, semillas)}
fig, ax = plt.subplots(figsize=(6, 3.5))
grafica_exactitud(ax, DISTANCIAS, resultados, azar=1 / len(metro.respuestas()))
ax.set_title(f"Exactitud contra L ({ITERACIONES_METRO} iteraciones, {len(SEMILLAS)} semilla(s))")
plt.show()
for celda, tabla in resultados.items():
    print(f"{celda:>5}: " + "  ".join(f"L={L}: {fila.mean():.0%}" for L, fila in zip(DISTANCIAS, tabla)))

# %% [markdown]
# **Qué esperar y qué medimos.** Con distancias cortas las tres redes aciertan todo. Al alejar la pista, la RNN simple se queda en el azar: el gradiente que tendría que decirle «guarda la estación del primer paso» se desvanece en los 40 pasos de ruido. La LSTM y la GRU, con su camino aditivo para la memoria, siguen acertando.
#
# Con el presupuesto completo (`make bench`: 1000 iteraciones y **5 semillas** por red y por distancia), en este equipo obtuvimos, para $L = 40$, una exactitud promedio de **0.28 para la RNN** (entre 0.20 y 0.46 según la semilla: el azar es 0.25) y de **1.00 para la LSTM y la GRU**, en las 5 semillas y en todas las distancias. Probamos 5 semillas precisamente para que el resultado no fuera suerte. También vale la pena contar lo que pasa en medio: con $L = 20$ la RNN promedió 0.39 (una semilla sí aprendió, las demás no) y con $L = 10$, 0.85. La frontera no es un número fijo, pero al crecer $L$ la RNN falla cada vez más y las celdas con compuertas no.
#
# Una advertencia honesta: en una prueba previa con el sesgo habitual de 1 en la compuerta de olvido de la LSTM, sin sesgo en la GRU y con tasa 0.01, ninguna de las dos aprendía $L = 40$ en 1500 iteraciones con 2 semillas: la compuerta de olvido empieza en $\sigma(1) \approx 0.73$ y $0.73^{40}$ es casi cero. La arquitectura hace posible la memoria larga; la inicialización ayuda a encontrarla.

# %% [markdown]
# ## 3. Problema 2: pronosticar la demanda de electricidad
#
# Ahora un problema de regresión con datos reales: la demanda eléctrica de Inglaterra y Gales medida cada media hora, del lunes 5 de junio al domingo 27 de agosto de 2000 (Taylor, 2003). Son 12 semanas: 4032 mediciones en megawatts (MW).

# %%
demanda_mw = energia.demanda()
print(f"{len(demanda_mw)} mediciones, de {energia.fechas()[0]} a {energia.fechas()[-1]}")
fig, ax = plt.subplots(figsize=(8, 3))
ax.plot(np.arange(2 * energia.POR_SEMANA) / energia.POR_DIA, demanda_mw[:2 * energia.POR_SEMANA])
ax.set_xlabel("días desde el lunes 5 de junio de 2000")
ax.set_ylabel("demanda (MW)")
ax.set_title("Las dos primeras semanas")
plt.show()


# %% [markdown]
# Se ven dos ritmos: el **diario** (de noche se consume poco, de día mucho) y el **semanal** (el fin de semana se consume menos). Cualquier pronóstico tiene que aprovecharlos.
#
# ### Partición fija
#
# Con series de tiempo **no** se barajan los datos para partirlos. El modelo se usará para pronosticar el futuro, así que debemos evaluarlo igual: entrenarlo con el pasado y medirlo con lo que vino después. Usamos una **partición fija** en orden de tiempo: primero el periodo de **entrenamiento**, luego el de **validación** (para elegir hiperparámetros y decidir cuándo parar) y al final el de **prueba** (se mira una sola vez, al terminar). Aquí: las primeras 8 semanas, las 2 siguientes y las 2 últimas.
#
# ### Ejercicio 3 · La partición fija (1 punto)
#
# Escribe `particion_fija(serie, n_validacion, n_prueba)` que devuelva la tupla `(entrenamiento, validacion, prueba)`: los últimos `n_prueba` valores son la prueba, los `n_validacion` anteriores la validación y todo lo de antes el entrenamiento. Usa rebanadas (`serie[a:b]`), sin barajar.

# %% nbgrader={"grade": false, "grade_id": "particion_fija", "locked": false, "schema_version": 3, "solution": true}
def particion_fija(serie, n_validacion, n_prueba):
    """Partición en orden de tiempo.

    serie (N,)  ->  (entrenamiento (N - n_validacion - n_prueba,), `validacion` (n_validacion,), prueba (n_prueba,))
    """
    n = len(serie)
    ### BEGIN SOLUTION
    corte_validacion = n - n_validacion - n_prueba
    corte_prueba = n - n_prueba
    entrenamiento = serie[:corte_validacion]
    validacion = serie[corte_validacion:corte_prueba]
    prueba = serie[corte_prueba:]
    ### END SOLUTION
    return entrenamiento, validacion, prueba


# %% nbgrader={"grade": true, "grade_id": "particion_fija_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
resultado = particion_fija(np.arange(10.0), 2, 3)
assert isinstance(resultado, tuple) and len(resultado) == 3, "particion_fija debe devolver la tupla (`entrenamiento`, `validacion`, `prueba`)."
entrenamiento, validacion, prueba = resultado
comprobar_forma(prueba, (3,), "prueba", pista="La prueba son los últimos n_prueba valores.")
comprobar_forma(validacion, (2,), "validacion", pista="La validación son los n_validacion valores justo antes de la prueba.")
comprobar_forma(entrenamiento, (5,), "entrenamiento", pista="El entrenamiento es todo lo que queda antes de la validación.")
comprobar_cercano(entrenamiento, [0, 1, 2, 3, 4], "entrenamiento", pista="Sin barajar: el entrenamiento es el principio de la serie, en orden.")
comprobar_cercano(validacion, [5, 6], "validacion", errores_comunes={"¿intercambiaste validación y prueba? La prueba va al final.": [8, 9]})
comprobar_cercano(prueba, [7, 8, 9], "prueba", pista="Sin barajar: la prueba es el final de la serie, en orden.")
print("¡Bien! particion_fija pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.modelos import series
for semilla in range(6):
    rng = generador(110 + semilla)
    n = int(rng.integers(5, 200))
    n_validacion = int(rng.integers(1, n // 3 + 1))
    n_prueba = int(rng.integers(1, n // 3 + 1))
    serie = rng.standard_normal(n)
    for nombre, obtenido, esperado in zip(("entrenamiento", "validacion", "prueba"), particion_fija(serie, n_validacion, n_prueba), series.partir(serie, n_validacion, n_prueba)):
        comprobar_cercano(obtenido, esperado, f"{nombre} con N={n}, n_validacion={n_validacion}, n_prueba={n_prueba}")
### END HIDDEN TESTS

# %% [markdown]
# ### Ventanas
#
# Una red recurrente de varios a uno lee una secuencia y da una salida. Para convertir la serie en ejemplos cortamos **ventanas**: la ventana $j$ son los `largo` valores `serie[j], …, serie[j + largo − 1]` y su objetivo es el valor **siguiente**, `serie[j + largo]`. El objetivo nunca puede estar dentro de su propia ventana: sería pedirle a la red que «pronostique» algo que ya vio.
#

# %%
diagrama_rnn_desenrollada(T=4)


# %% [markdown]
# ### Ejercicio 4 · Cortar ventanas (1 punto)
#
# Escribe `ventanas(serie, largo)` que devuelva `(X, y)`: `X` de forma `(M, largo)` con una ventana por renglón y `y` de forma `(M,)`, donde `M = len(serie) − largo`. (Para la red, `X[np.newaxis]` tiene la forma `(n_x, m, T) = (1, M, largo)` de la convención del curso.)

# %% nbgrader={"grade": false, "grade_id": "ventanas", "locked": false, "schema_version": 3, "solution": true}
def ventanas(serie, largo):
    """Ventanas deslizantes.

    serie (N,), largo  ->  X (N - largo, largo), y (N - largo,) con X[j] = serie[j:j+largo] y y[j] = serie[j+largo]
    """
    M = len(serie) - largo
    X = np.zeros((M, largo))
    y = np.zeros(M)
    ### BEGIN SOLUTION
    for j in range(M):
        X[j] = serie[j:j + largo]
        y[j] = serie[j + largo]
    ### END SOLUTION
    return X, y


# %% nbgrader={"grade": true, "grade_id": "ventanas_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
X, y = ventanas(np.array([10.0, 11.0, 12.0, 13.0, 14.0, 15.0]), 3)
comprobar_forma(X, (3, 3), "X", pista="Hay M = N − largo ventanas, una por renglón.")
comprobar_forma(y, (3,), "y")
comprobar_cercano(X, [[10, 11, 12], [11, 12, 13], [12, 13, 14]], "X", errores_comunes={
    "¿la ventana empieza un paso tarde? X[j] = serie[j : j + largo].": [[11, 12, 13], [12, 13, 14], [13, 14, 15]],
})
comprobar_cercano(y, [13, 14, 15], "y", errores_comunes={
    "El objetivo es el valor que SIGUE a la ventana (serie[j + largo]); el tuyo es el último valor de la ventana, que la red ya vio.": [12, 13, 14],
})
print("¡Bien! ventanas pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.modelos import series
for semilla in range(6):
    rng = generador(120 + semilla)
    n = int(rng.integers(3, 60))
    largo = int(rng.integers(1, n))
    serie = rng.standard_normal(n)
    X, y = ventanas(serie, largo)
    X_esperado, y_esperado = series.cortar_ventanas(serie, largo)
    comprobar_cercano(X, X_esperado, f"X con N={n}, largo={largo}")
    comprobar_cercano(y, y_esperado, f"y con N={n}, largo={largo}")
### END HIDDEN TESTS

# %% [markdown]
# ### Normalizar sin fugas
#
# Las redes aprenden mejor con entradas de tamaño cercano a 1, no de 30 000 MW. Por eso **normalizamos**: $z = (x - \mu)/\sigma$. La trampa está en de dónde salen $\mu$ y $\sigma$: si las calculas con toda la serie, el entrenamiento «ve» el promedio del periodo de prueba, que en la realidad todavía no ha ocurrido. Esa **fuga de información** hace que la evaluación parezca mejor de lo que será en uso. La regla: $\mu$ y $\sigma$ salen **solo del entrenamiento** y se aplican, tal cual, a los tres periodos.
#
# ### Ejercicio 5 · Normalizar con las estadísticas del entrenamiento (2 puntos)
#
# Escribe `normalizar(entrenamiento, validacion, prueba)` que devuelva `(entrenamiento_n, validacion_n, prueba_n, media, desviacion)`. Usa `np.mean` y `np.std` (sin `ddof`) del entrenamiento.

# %% nbgrader={"grade": false, "grade_id": "normalizar", "locked": false, "schema_version": 3, "solution": true}
def normalizar(entrenamiento, validacion, prueba):
    """Normaliza los tres periodos con la media y la desviación del entrenamiento.

    arreglos (N_e,), (N_v,), (N_p,)  ->  (mismas formas, normalizados), `media`, `desviacion` (números)
    """
    ### BEGIN SOLUTION
    media = np.mean(entrenamiento)
    desviacion = np.std(entrenamiento)
    entrenamiento_n = (entrenamiento - media) / desviacion
    validacion_n = (validacion - media) / desviacion
    prueba_n = (prueba - media) / desviacion
    ### END SOLUTION
    return entrenamiento_n, validacion_n, prueba_n, media, desviacion


# %% nbgrader={"grade": true, "grade_id": "normalizar_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Entrenamiento [1, 3]: media 2, desviación 1.
resultado = normalizar(np.array([1.0, 3.0]), np.array([5.0, 2.0]), np.array([10.0]))
assert isinstance(resultado, tuple) and len(resultado) == 5, "normalizar debe devolver (`entrenamiento_n`, `validacion_n`, `prueba_n`, `media`, `desviacion`)."
entrenamiento_n, validacion_n, prueba_n, media, desviacion = resultado
comprobar_escalar(media, 2.0, "media", errores_comunes={
    "Usaste la media de toda la serie: eso filtra información de la validación y la prueba. Usa solo el entrenamiento.": np.mean([1, 3, 5, 2, 10]),
})
comprobar_escalar(desviacion, 1.0, "desviacion", errores_comunes={
    "Usaste la desviación de toda la serie: eso filtra información del futuro. Usa solo el entrenamiento.": np.std([1, 3, 5, 2, 10]),
    "¿usaste ddof=1? Aquí va np.std sin ddof.": np.std([1, 3], ddof=1),
})
comprobar_cercano(entrenamiento_n, [-1.0, 1.0], "entrenamiento_n")
comprobar_cercano(validacion_n, [3.0, 0.0], "validacion_n", errores_comunes={
    "Normalizaste la validación con su propia media y desviación: hay que usar las del entrenamiento.": [1.0, -1.0],
})
comprobar_cercano(prueba_n, [8.0], "prueba_n", pista="La prueba también se normaliza con la media y la desviación del entrenamiento.")
print("¡Bien! normalizar pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.modelos import series
for semilla in range(6):
    rng = generador(130 + semilla)
    tamanos = [int(v) for v in rng.integers(2, 40, size=3)]
    escala, centro = float(rng.uniform(0.5, 5000)), float(rng.uniform(-100, 30000))
    periodos = [centro + escala * rng.standard_normal(k) + 3 * escala * j for j, k in enumerate(tamanos)]
    obtenido = normalizar(*periodos)
    esperado = series.estandarizar(*periodos)
    for nombre, a, b in zip(("entrenamiento_n", "validacion_n", "prueba_n", "media", "desviacion"), obtenido, esperado):
        comprobar_cercano(a, b, f"{nombre} (semilla {semilla})")
### END HIDDEN TESTS

# %% [markdown]
# ### El error absoluto medio
#
# Para medir un pronóstico usamos el **error absoluto medio** (MAE, por sus siglas en inglés):
#
# $$\text{MAE} = \frac{1}{n} \sum_{k=1}^{n} \lvert y_k - \hat y_k \rvert .$$
#
# Está en las mismas unidades que la serie (MW) y se lee fácil: «en promedio, el pronóstico se equivoca por tantos megawatts». A diferencia del error cuadrático medio, no castiga de más los errores grandes ni cambia de unidades.
#
# ### Ejercicio 6 · El error absoluto medio (1 punto)
#
# Escribe `error_absoluto_medio(real, pronostico)` que devuelva un solo número. `real` y `pronostico` son arreglos de la misma forma (cualquiera).

# %% nbgrader={"grade": false, "grade_id": "error_absoluto_medio", "locked": false, "schema_version": 3, "solution": true}
def error_absoluto_medio(real, pronostico):
    """MAE: arreglos de la misma forma  ->  un número."""
    ### BEGIN SOLUTION
    mae = np.mean(np.abs(real - pronostico))
    ### END SOLUTION
    return mae


# %% nbgrader={"grade": true, "grade_id": "error_absoluto_medio_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
real = np.array([1.0, 2.0, 3.0, 4.0])
pronostico = np.array([2.0, 2.0, 5.0, 1.0])
# A mano: |−1| + |0| + |−2| + |3| = 6; entre 4 valores: 1.5
comprobar_escalar(error_absoluto_medio(real, pronostico), 1.5, "error_absoluto_medio", errores_comunes={
    "Calculaste el error cuadrático medio (elevaste al cuadrado); el MAE usa el valor absoluto.": 3.5,
    "Sumaste los errores: hay que promediarlos (dividir entre el número de valores).": 6.0,
    "¿olvidaste el valor absoluto? Los errores positivos y negativos se cancelan.": 0.0,
    "Sacaste la raíz del error cuadrático medio; el MAE usa el valor absoluto.": np.sqrt(3.5),
})
print("¡Bien! error_absoluto_medio pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.modelos import series
for semilla in range(6):
    rng = generador(140 + semilla)
    forma = (int(rng.integers(1, 50)),) if semilla % 2 else (1, int(rng.integers(1, 50)))
    real = 30000 + 2000 * rng.standard_normal(forma)
    pronostico = real + 500 * rng.standard_normal(forma)
    comprobar_escalar(error_absoluto_medio(real, pronostico), series.mae(real, pronostico), f"MAE con forma {forma}")
### END HIDDEN TESTS

# %% [markdown]
# ### Líneas base honestas
#
# Antes de entrenar cualquier red hay que saber cuánto se equivoca un pronóstico **ingenuo**, que no aprende nada. Si la red no le gana, no sirve. Usamos tres, todas sobre el mismo periodo de prueba:
#
# * **último valor**: la siguiente media hora será igual a la actual;
# * **día anterior**: igual que a la misma hora de ayer (48 medias horas antes);
# * **semana anterior** (el ingenuo estacional): igual que a la misma hora del mismo día de la semana pasada (336 medias horas antes).
#
# Tus funciones `particion_fija` y `error_absoluto_medio` bastan para calcularlas.

# %%
n_semana = energia.POR_SEMANA
entrenamiento, validacion, prueba = particion_fija(demanda_mw, 2 * n_semana, 2 * n_semana)
inicio_prueba = len(demanda_mw) - len(prueba)
ingenuos = {}
for nombre, retraso in energia.RETRASOS_INGENUOS.items():
    ingenuos[nombre] = demanda_mw[inicio_prueba - retraso:len(demanda_mw) - retraso]
    print(f"MAE del ingenuo «{nombre}» en la prueba: {error_absoluto_medio(prueba, ingenuos[nombre]):7.1f} MW")

# %% [markdown]
# ### La LSTM
#
# Ahora sí: una LSTM de 24 unidades lee una ventana con las últimas 48 medias horas (un día) y pronostica la siguiente. En cada paso recibe la demanda normalizada y la hora del día y de la semana (como seno y coseno, para que las 23:30 queden junto a las 00:00). Se entrenó con el error cuadrático medio, Adam y recorte del gradiente, y se evalúa con el MAE en megawatts sobre las dos semanas de prueba. La preparación usa exactamente las reglas de los ejercicios: partición fija, ventanas que solo miran el pasado y normalización con la media y la desviación del entrenamiento.

# %%
r = RESULTADOS["energia"]
fig, ejes = plt.subplots(1, 2, figsize=(11, 3.2), gridspec_kw={"width_ratios": [1, 2]})
grafica_perdida(ejes[0], r, titulo="Pérdida (ECM, datos normalizados)")
grafica_pronostico(ejes[1], r["real"], {"LSTM": r["pronostico"], "semana anterior": ingenuos["semana_anterior"]}, pasos=3 * energia.POR_DIA)
ejes[1].set_title("Primeros 3 días del periodo de prueba")
plt.tight_layout()
plt.show()
for nombre, valor in sorted(r["mae"].items(), key=lambda par: par[1]):
    print(f"MAE {nombre:>16}: {valor:7.1f} MW")

# %% [markdown]
# **Resultados.** Con el presupuesto corto (300 iteraciones) la LSTM ya le gana a los tres ingenuos en el periodo de prueba, aunque por poco: alrededor de 500 MW de MAE contra 514 MW del ingenuo de la semana anterior, 652 MW del último valor y 1923 MW del día anterior (la demanda es bastante más baja el fin de semana, así que «igual que ayer» falla mucho los sábados y los lunes). Con el presupuesto completo de `make bench` (1500 iteraciones) la LSTM llegó a **284 MW** de MAE en la prueba (221 MW en la validación), contra **514 MW** del ingenuo estacional: casi la mitad del error.
#
# Fíjate en que el ingenuo de la semana anterior es un rival difícil: la demanda de una semana se parece mucho a la de la anterior. Ganarle por poco ya es un resultado útil, y sin las líneas base no sabríamos si 500 MW es bueno o malo.

# %% [markdown]
# ## Resumen
#
# * Recortar el gradiente por su **norma global** evita que un gradiente que explota arruine el entrenamiento, sin cambiar su dirección.
# * **Adam** adapta el tamaño del paso a cada parámetro; la **corrección de sesgo** importa en los primeros pasos.
# * En el metro, la información necesaria estaba $L$ pasos atrás: la **RNN simple** la pierde al crecer $L$ y la **LSTM** y la **GRU**, con su memoria aditiva, la conservan.
# * Con series de tiempo: **partición fija** en orden, **ventanas** cuyo objetivo está fuera de la ventana, **normalización** con estadísticas solo del entrenamiento y comparación contra **líneas base honestas** con el **MAE**.
#
# Con esto cierras el recorrido del curso: del problema de la memoria (lección 01) a redes con compuertas que lo resuelven en datos reales.
