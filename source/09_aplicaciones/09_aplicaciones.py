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
# **Tiempo estimado:** unos 120 minutos. **Antes de empezar:** las lecciones 05 (la LSTM completa: sus compuertas y el estado de la celda) y 06 (retropropagación a través del tiempo en la LSTM), y la regla del descenso de gradiente, $\theta \leftarrow \theta - \alpha\, g$, que Adam mejora (aquí escribes su paso).
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
# 4. medir un pronóstico con el error absoluto medio y compararlo con líneas base honestas;
# 5. dejar que la validación decida cuándo parar, medir la prueba una sola vez y repetir con varias semillas para saber si un margen es real.
#
# **Cómo trabajar.** Igual que en las lecciones anteriores: ejecuta las celdas en orden y, donde veas `# TU CÓDIGO AQUÍ`, borra la línea `raise NotImplementedError(…)` y escribe tu solución. Cada ejercicio va seguido de sus pruebas visibles; al calificar se agregan pruebas ocultas.
#
# Los modelos que entrenamos aquí son las mismas ecuaciones que ya escribiste, pero **en lote** y optimizadas; como entrenarlos toma minutos, el cuaderno muestra sus resultados ya calculados. Tus funciones de las lecciones anteriores (`paso_rnn`, `paso_lstm`, `paso_gru`…) siguen siendo el lugar donde se aprenden las ecuaciones; aquí no las volvemos a pedir.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import matplotlib.pyplot as plt
import numpy as np

from course.cuestionario import revisar_respuesta
from course.datos import aplicaciones, energia, metro
from course.diagramas import diagrama_rnn_desenrollada
from course.graficas import ETIQUETAS, grafica_exactitud, grafica_perdida, grafica_pronostico, leyenda_fuera
from course.paneles import panel_recorte
from course.pruebas import comprobar_cercano, comprobar_escalar, comprobar_forma, generador

# %% [markdown]
# ### Resultados ya calculados
#
# Entrenar de verdad toma minutos. Para que el cuaderno corra en unos segundos, las redes de esta lección ya se entrenaron y aquí cargamos lo que produjeron: las curvas de pérdida, los errores de validación medidos durante el entrenamiento, las exactitudes y los pronósticos. Cada red se entrenó **5 veces, con 5 semillas distintas** (la semilla fija los pesos iniciales y el orden de los lotes): un solo entrenamiento puede salir bien o mal por suerte, y solo al repetirlo se ve cuánto cambia el resultado. Las cifras del presupuesto completo del metro que citamos más abajo salen de `make bench`, en el repositorio del curso.

# %%
RESULTADOS = aplicaciones.resultados()
ITERACIONES_METRO = RESULTADOS["metro"]["iteraciones"]
SEMILLAS = tuple(RESULTADOS["metro"]["semillas"])
ITERACIONES_ENERGIA = RESULTADOS["energia"]["iteraciones"]
print(f"Semillas: {SEMILLAS}. Metro: {ITERACIONES_METRO} iteraciones. "
      f"Energía: hasta {ITERACIONES_ENERGIA} iteraciones, con parada temprana.")

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
from course.pruebas import llamar  # explica en español los errores de formas de numpy
from course.pruebas import comprobar_sin_cambios

# Norma global: √(3² + 4² + 12²) = 13; con umbral 2.6 el factor es 2.6 / 13 = 0.2.
gradientes = {"W": np.array([[3.0, 4.0]]), "b": np.array([[12.0]])}
recortados = llamar(recortar_gradiente, gradientes, 2.6)
assert isinstance(recortados, dict) and set(recortados) == {"W", "b"}, "recortar_gradiente debe devolver un diccionario con las mismas claves."
comprobar_cercano(recortados["W"], [[0.6, 0.8]], "recortados['W']", errores_comunes={
    "¿recortaste cada entrada con np.clip? Hay que escalar todo el gradiente por umbral / norma.": [[2.6, 2.6]],
    "¿usaste la norma de cada arreglo por separado? La norma es una sola para todos los gradientes juntos.": [[1.56, 2.08]],
})
comprobar_cercano(recortados["b"], [[2.4]], "recortados['b']", errores_comunes={
    "¿recortaste cada entrada con np.clip o con su propia norma? Todos los gradientes se escalan por el mismo factor.": [[2.6]],
})
comprobar_sin_cambios([[3.0, 4.0]], gradientes["W"], "gradientes['W']")
comprobar_sin_cambios([[12.0]], gradientes["b"], "gradientes['b']")
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
    copias = {nombre: g.copy() for nombre, g in gradientes.items()}
    obtenido = recortar_gradiente(gradientes, umbral)
    assert set(obtenido) == set(esperado), "recortar_gradiente debe devolver las mismas claves."
    for nombre in esperado:
        comprobar_cercano(obtenido[nombre], esperado[nombre], f"gradientes['{nombre}'] con umbral {umbral:.2f}")
        comprobar_sin_cambios(copias[nombre], gradientes[nombre], f"gradientes['{nombre}']")
# Gradientes enormes, como los de una explosión.
enormes = {"W": np.full((2, 2), 1e150)}
comprobar_cercano(recortar_gradiente(enormes, 1.0)["W"], limitar_norma(enormes, 1.0)[0]["W"], "gradiente enorme")
### END HIDDEN TESTS

# %% [markdown]
# ¿Por qué insistimos en escalar en lugar de usar `np.clip`? El panel recorta con **tu** `recortar_gradiente`: la flecha gris es un gradiente de dos entradas; la azul, el mismo gradiente recortado por su norma (queda dentro del círculo), y la roja, recortado elemento a elemento (queda dentro del cuadrado). Mueve $g_1$, $g_2$ y el umbral: la azul siempre apunta hacia donde apuntaba la gris; la roja, en general, no.
#
# <details>
# <summary>Respuestas</summary>
#
# * **¿Por qué escalar en lugar de usar `np.clip`?** Con los valores iniciales, $g = (6, 1.5)$ y umbral 2, el recorte por norma da $(1.94, 0.49)$: norma 2 y la misma dirección (gira 0°). `np.clip` da $(2, 1.5)$: norma 2.5, fuera del círculo, y girado 22.8°. La entrada chica quedó casi tan grande como la grande, así que el paso ya no va en contra del gradiente.
# * **¿Cuándo coinciden?** Cuando el gradiente apunta sobre un eje o sobre una diagonal: con $(6, 0)$ ambos dan $(2, 0)$, y con $(6, 6)$ ninguno gira, aunque `np.clip` deja la norma en 2.83, arriba del umbral. Y si la norma ya es menor que el umbral (por ejemplo $(1, 0.5)$ con umbral 2), ninguno cambia nada.
#
# </details>

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
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Primer paso (t = 1) desde m = v = 0, con tasa 0.1. Cada llamada recibe sus propios arreglos:
# tu función puede actualizarlos en su lugar.
theta, g = np.array([1.0, -2.0]), np.array([0.5, -0.1])
resultado = llamar(paso_adam, theta.copy(), g.copy(), np.zeros(2), np.zeros(2), 1, tasa=0.1)
assert isinstance(resultado, tuple) and len(resultado) == 3, "paso_adam debe devolver la tupla (theta, m, v)."
theta_1, m_1, v_1 = resultado
comprobar_forma(theta_1, (2,), "theta_nuevo")
# A mano: m = 0.1·g = [0.05, -0.01]; v = 0.001·g² = [0.00025, 0.00001]
comprobar_cercano(m_1, [0.05, -0.01], "m_nuevo", errores_comunes={
    "¿devolviste m corregido (m̂)? Devuelve m sin la corrección de sesgo; m̂ solo se usa para mover theta.": [0.5, -0.1],
    "¿intercambiaste beta1 y (1 − beta1)? El peso grande (beta1) va con la m anterior.": [0.45, -0.09],
    "¿usaste beta2 en lugar de beta1 para m?": [0.0005, -0.0001],
}, pista="Con m = 0 y t = 1, m_nuevo es la décima parte de g.")
comprobar_cercano(v_1, [0.00025, 0.00001], "v_nuevo", errores_comunes={
    "¿devolviste v corregido (v̂)? Devuelve v sin la corrección de sesgo; v̂ solo se usa para mover theta.": [0.25, 0.01],
    "¿olvidaste elevar g al cuadrado en v?": [0.0005, -0.0001],
    "¿intercambiaste beta2 y (1 − beta2)? El peso grande (beta2) va con la v anterior.": [0.24975, 0.00999],
    "¿usaste beta1 en lugar de beta2 para v?": [0.025, 0.001],
}, pista="Con v = 0 y t = 1, v_nuevo es la milésima parte de g².")
# Con la corrección de sesgo, m̂ = g y v̂ = g²: el paso es tasa·signo(g).
comprobar_cercano(theta_1, [0.9, -1.9], "theta_nuevo", errores_comunes={
    "¿olvidaste la corrección de sesgo? Divide m entre (1 − beta1**t) y v entre (1 − beta2**t).":
        [1.0 - 0.1 * 0.05 / (np.sqrt(0.00025) + 1e-8), -2.0 + 0.1 * 0.01 / (np.sqrt(0.00001) + 1e-8)],
    "¿olvidaste la raíz cuadrada de v̂ en el denominador?": [1.0 - 0.1 * 0.5 / 0.25, -2.0 + 0.1 * 0.1 / 0.01],
    "¿sumaste el paso en lugar de restarlo? Adam se mueve en contra del gradiente.": [1.1, -2.1],
})
# Un paso más adelante (t = 3) desde momentos distintos de cero.
theta_3, m_3, v_3 = paso_adam(theta.copy(), g.copy(), np.array([0.2, -0.05]), np.array([0.01, 0.004]), 3, tasa=0.1)
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
esperado = actualizar_adam(theta, g, np.zeros(4), np.zeros(4), 1)[0]
comprobar_cercano(paso_adam(theta.copy(), g.copy(), np.zeros(4), np.zeros(4), 1)[0], esperado, "theta_nuevo con los valores por omisión")
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
# Ahora el barrido: para cada distancia $L \in \{5, 10, 20, 40\}$ se entrenaron las tres redes desde cero, una vez con cada una de las 5 semillas, y se midió su exactitud en 512 viajes nuevos. La línea es el promedio de las semillas; la banda va de la peor a la mejor.

# %%
DISTANCIAS = tuple(RESULTADOS["metro"]["distancias"])
resultados = RESULTADOS["metro"]["barrido"]   # {celda: exactitud (distancias, semillas)}
fig, ax = plt.subplots(figsize=(6, 3.5))
grafica_exactitud(ax, DISTANCIAS, resultados, azar=1 / len(metro.respuestas()))
ax.set_title(f"Exactitud contra L ({ITERACIONES_METRO} iteraciones, {len(SEMILLAS)} semillas)")
plt.show()
for celda, tabla in resultados.items():
    print(f"{ETIQUETAS[celda]:>10}: " + "  ".join(
        f"L={L}: {renglon.mean():.0%} [{renglon.min():.0%}–{renglon.max():.0%}]" for L, renglon in zip(DISTANCIAS, tabla)))

# %% [markdown]
# **Qué esperar y qué medimos.** Con $L = 5$ las tres redes aciertan todo, con las 5 semillas. Al alejar la pista, la RNN simple cae hacia el azar: promedia 85 % con $L = 10$, 39 % con $L = 20$ y 26 % con $L = 40$. El gradiente que tendría que decirle «guarda la estación del primer paso» se desvanece en los pasos de ruido. La LSTM, con su camino aditivo para la memoria, acierta al menos el 99.8 % en todas las distancias y semillas; la GRU también, salvo con $L = 40$, donde promedia 89 %.
#
# Aquí no hay periodo de validación porque no hay nada que elegir: las tres redes reciben el mismo presupuesto fijo, y los 512 viajes de la evaluación son nuevos, generados aparte de los del entrenamiento.
#
# Con el presupuesto completo (`make bench`: 1000 iteraciones y 5 semillas por red y por distancia), en este equipo obtuvimos, para $L = 40$, una exactitud promedio de **0.28 para la RNN** (entre 0.20 y 0.46 según la semilla: el azar es 0.25) y de **1.00 para la LSTM y la GRU**, en las 5 semillas y en todas las distancias. La frontera no es un número fijo, pero al crecer $L$ la RNN falla cada vez más y las celdas con compuertas no.
#
# Una advertencia honesta: en una prueba previa con el sesgo habitual de 1 en la compuerta de olvido de la LSTM, sin sesgo en la GRU y con tasa 0.01, ninguna de las dos aprendía $L = 40$ en 1500 iteraciones con 2 semillas: la compuerta de olvido empieza en $\sigma(1) \approx 0.73$ y $0.73^{40}$ es casi cero. La arquitectura hace posible la memoria larga; la inicialización ayuda a encontrarla.
#
# Mira la tabla de arriba, semilla por semilla:
#
# * ¿Qué habrías concluido sobre la RNN con $L = 20$ si solo hubieras entrenado la semilla 0?
# * ¿Por qué la GRU tiene una banda con $L = 40$? ¿Falla igual que la RNN?
#
# <details>
# <summary>Respuestas</summary>
#
# * **¿Con una sola semilla?** La semilla 0 de la RNN acierta el 100 % con $L = 20$: habrías concluido que la RNN simple recuerda 20 pasos. Las otras cuatro semillas se quedan entre 23 % y 25 %, el azar, y el promedio es 39 %. Una semilla afortunada no es un resultado; por eso se repite.
# * **¿La banda de la GRU?** Con $L = 40$, tres semillas llegan al 100 % y dos se quedan en 73 % y 75 % tras estas 150 iteraciones. No es la falla de la RNN: están muy por encima del azar (25 %) y seguían aprendiendo; con las 1000 iteraciones de `make bench` las 5 llegan a 1.00.
#
# </details>

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
from course.pruebas import llamar  # explica en español los errores de formas de numpy
resultado = llamar(particion_fija, np.arange(10.0), 2, 3)
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
from course.pruebas import comprobar_arreglo, llamar  # llamar explica en español los errores de formas de numpy
X, y = llamar(ventanas, np.array([10.0, 11.0, 12.0, 13.0, 14.0, 15.0]), 3)
X = comprobar_arreglo(X, "X")
assert X.ndim != 2 or X.shape[1] != 4, ("Tus ventanas tienen largo + 1 valores: incluyen el objetivo. X[j] = serie[j : j + largo] "
                                        "(largo valores) y el objetivo serie[j + largo] va aparte, en y[j].")
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
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Entrenamiento [2, 4, 4, 4, 5, 5, 7, 9]: media 5, desviación 2 (varianza 4).
# `media` y `desviacion` son números: un float o un arreglo de un solo elemento.
entrenamiento = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
serie = np.concatenate([entrenamiento, [9.0, 1.0, 15.0]])
resultado = llamar(normalizar, entrenamiento, np.array([9.0, 1.0]), np.array([15.0]))
assert isinstance(resultado, tuple) and len(resultado) == 5, "normalizar debe devolver (`entrenamiento_n`, `validacion_n`, `prueba_n`, `media`, `desviacion`)."
entrenamiento_n, validacion_n, prueba_n, media, desviacion = resultado
comprobar_escalar(media, 5.0, "media", errores_comunes={
    "Usaste la media de toda la serie: eso filtra información de la validación y la prueba. Usa solo el entrenamiento.": np.mean(serie),
})
comprobar_escalar(desviacion, 2.0, "desviacion", errores_comunes={
    "Usaste la desviación de toda la serie: eso filtra información del futuro. Usa solo el entrenamiento.": np.std(serie),
    "¿usaste ddof=1? Aquí va np.std sin ddof.": np.std(entrenamiento, ddof=1),
    "¿usaste np.var? Esa es la varianza; la desviación es su raíz cuadrada (np.std).": 4.0,
    "¿dividiste la suma de |x − media| entre len()? Eso es la desviación media absoluta; aquí va la desviación estándar (np.std).": 1.5,
})
comprobar_cercano(entrenamiento_n, [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0], "entrenamiento_n", errores_comunes={
    "¿dividiste entre la varianza (np.var)? Se divide entre la desviación estándar (np.std).": (entrenamiento - 5.0) / 4.0,
    "¿dividiste entre len()? Se divide entre la desviación estándar (np.std).": (entrenamiento - 5.0) / 8.0,
})
comprobar_cercano(validacion_n, [2.0, -2.0], "validacion_n", errores_comunes={
    "Normalizaste la validación con su propia media y desviación: hay que usar las del entrenamiento.": [1.0, -1.0],
})
comprobar_cercano(prueba_n, [5.0], "prueba_n", pista="La prueba también se normaliza con la media y la desviación del entrenamiento.")
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
    for nombre, a, b in zip(("entrenamiento_n", "validacion_n", "prueba_n"), obtenido, esperado):
        comprobar_cercano(a, b, f"{nombre} (semilla {semilla})")
    # `media` y `desviacion` son números: vale un float o un arreglo de un elemento, como en la prueba visible.
    for nombre, a, b in zip(("media", "desviacion"), obtenido[3:], esperado[3:]):
        comprobar_escalar(a, b, f"{nombre} (semilla {semilla})")
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
# Antes de entrenar cualquier red hay que saber cuánto se equivoca un pronóstico **ingenuo**, que no aprende nada. Si la red no le gana, no sirve. Usamos tres:
#
# * **último valor**: la siguiente media hora será igual a la actual;
# * **día anterior**: igual que a la misma hora de ayer (48 medias horas antes);
# * **semana anterior** (el ingenuo estacional): igual que a la misma hora del mismo día de la semana pasada (336 medias horas antes).
#
# Mientras desarrollamos el modelo las medimos en la **validación**, igual que a la red: la prueba se queda guardada para el final. Tus funciones `particion_fija` y `error_absoluto_medio` bastan para calcularlas.

# %%
n_semana = energia.POR_SEMANA
entrenamiento, validacion, prueba = particion_fija(demanda_mw, 2 * n_semana, 2 * n_semana)
inicio_validacion = len(entrenamiento)
inicio_prueba = len(demanda_mw) - len(prueba)


def ingenuo(inicio, n, retraso):
    """El pronóstico ingenuo de los n valores desde `inicio`: la serie `retraso` medias horas antes."""
    return demanda_mw[inicio - retraso:inicio - retraso + n]


for nombre, retraso in energia.RETRASOS_INGENUOS.items():
    mae = error_absoluto_medio(validacion, ingenuo(inicio_validacion, len(validacion), retraso))
    print(f"MAE del ingenuo «{ETIQUETAS[nombre]}» en la validación: {mae:7.1f} MW")

# %% [markdown]
# ### La LSTM, y la validación que decide cuándo parar
#
# Ahora sí: una LSTM de 24 unidades lee una ventana con las últimas 48 medias horas (un día) y pronostica la siguiente. En cada paso recibe la demanda normalizada y la hora del día y de la semana (como seno y coseno, para que las 23:30 queden junto a las 00:00). Se entrena con el error cuadrático medio, Adam (tasa 0.005) y recorte del gradiente, en lotes de 64 ventanas del entrenamiento. La preparación usa exactamente las reglas de los ejercicios: partición fija, ventanas que solo miran el pasado y normalización con la media y la desviación del entrenamiento.
#
# ¿Cuántas iteraciones? No lo fijamos de antemano: lo decide la validación. Cada 50 iteraciones medimos el MAE de la red en las dos semanas de validación, en MW. Si es el mejor hasta ese momento, guardamos una copia de los parámetros; si pasan 10 mediciones seguidas (500 iteraciones) sin mejorar, paramos, y en ningún caso pasamos de 3000 iteraciones. Al final la red se queda con **la copia del mejor MAE de validación**, no con los parámetros de la última iteración. Eso es la **parada temprana**. La prueba no interviene en nada de esto.
#
# A la izquierda, la pérdida de entrenamiento de la semilla 0; a la derecha, el MAE de validación de las 5 semillas, con un punto donde cada una tuvo su mejor medición, y el de dos ingenuos en el mismo periodo.

# %%
e = RESULTADOS["energia"]
fig, ejes = plt.subplots(1, 2, figsize=(11, 3.4))
grafica_perdida(ejes[0], e, titulo="Pérdida de entrenamiento (ECM, semilla 0)")
ejes[0].set_yscale("log")
for corrida in e["corridas"]:
    iteracion, mae = corrida["validacion"]["iteracion"], corrida["validacion"]["mae"]
    (linea,) = ejes[1].plot(iteracion, mae, lw=1, label=f"semilla {corrida['semilla']}")
    mejor = int(np.argmin(mae))  # la medición que eligió la parada temprana
    ejes[1].plot(iteracion[mejor], mae[mejor], "o", color=linea.get_color())
for nombre, trazo in (("ultimo_valor", ":"), ("semana_anterior", "--")):
    ejes[1].axhline(e["validacion"][nombre], color="gray", ls=trazo, lw=0.8, label=ETIQUETAS[nombre])
ejes[1].set_ylim(0, 1250)
ejes[1].set_xlabel("iteración")
ejes[1].set_ylabel("MAE de validación (MW)")
ejes[1].set_title("La validación decide cuándo parar")
leyenda_fuera(ejes[1])
plt.tight_layout()
plt.show()
print("semilla   iteración elegida   iteraciones hechas   MAE de validación")
for corrida, mae in zip(e["corridas"], e["validacion"]["lstm"]):
    print(f"{corrida['semilla']:>7}   {corrida['mejor_iteracion']:>17}   {corrida['validacion']['iteracion'][-1]:>18}   {mae:14.1f} MW")
v = e["validacion"]["lstm"]
print(f"Promedio de las {len(v)} semillas: {v.mean():.1f} MW (desviación estándar entre semillas: {v.std(ddof=1):.1f} MW)")

# %% [markdown]
# Antes de seguir, mira las curvas de la derecha y la tabla:
#
# * ¿Por qué cada curva de validación baja a saltos, con subidas, en lugar de bajar siempre?
# * ¿Qué semillas pararon antes de las 3000 iteraciones? ¿Las demás habrían mejorado con más?
# * ¿Cuánto se habría perdido quedándose con los parámetros de la última iteración en lugar de la copia guardada?
#
# <details>
# <summary>Respuestas</summary>
#
# * **¿Por qué a saltos?** Cada paso de Adam usa un lote de solo 64 ventanas elegidas al azar: el gradiente es ruidoso y un paso que mejora esas 64 puede empeorar un poco las demás. El MAE de validación sube y baja alrededor de una tendencia que desciende; por eso la paciencia es de 10 mediciones y no de una.
# * **¿Cuáles pararon antes?** La semilla 0 paró a las 2100 iteraciones (su mejor medición fue la de la 1600) y la semilla 2 a las 1950 (la mejor, en la 1450): pasaron 10 mediciones sin mejorar. Las semillas 1, 3 y 4 llegaron al máximo de 3000 con su mejor medición cerca del final (2850, 2750 y 2600): su curva seguía bajando despacio y con más iteraciones probablemente habrían mejorado. Ese máximo también es un hiperparámetro; si quisiéramos subirlo, lo elegiríamos con la validación, nunca con la prueba.
# * **¿Cuánto se habría perdido?** La última medición de cada semilla fue de 200.3, 197.4, 211.2, 173.1 y 180.5 MW, contra 197.4, 180.0, 205.4, 168.0 y 167.6 MW de la copia elegida: entre 3 y 17 MW más. Aquí es poco porque las curvas ya casi no bajan; con una red que sobreajusta, la validación empieza a subir y la diferencia crece.
#
# </details>

# %% [markdown]
# ### La prueba, una sola vez
#
# Ya no queda nada por decidir: el tamaño de la red, la tasa y el presupuesto se fijaron de antemano, y la iteración de cada semilla la eligió la validación. Ahora, y solo ahora, medimos la prueba: las dos últimas semanas, del lunes 14 al domingo 27 de agosto de 2000, con los parámetros que eligió cada semilla y con los mismos ingenuos. Si después de ver estos números cambiáramos algo y volviéramos a medir, la prueba se convertiría en otra validación y su MAE dejaría de ser una estimación honesta del error con datos nuevos.

# %%
ingenuos = {nombre: ingenuo(inicio_prueba, len(prueba), retraso) for nombre, retraso in energia.RETRASOS_INGENUOS.items()}
mae_lstm = e["prueba"]["lstm"]   # (semillas,): cada semilla con los parámetros que eligió la validación
print(f"MAE en la prueba (MW), LSTM con {len(mae_lstm)} semillas: promedio {mae_lstm.mean():.1f}, "
      f"desviación estándar {mae_lstm.std(ddof=1):.1f}, de {mae_lstm.min():.1f} a {mae_lstm.max():.1f}")
for nombre in ingenuos:
    print(f"MAE en la prueba (MW), ingenuo «{ETIQUETAS[nombre]}»: {error_absoluto_medio(prueba, ingenuos[nombre]):.1f}")
# Día por día: ¿en cuántos de los 14 días se equivoca menos la LSTM que la semana anterior?
dias = len(prueba) // energia.POR_DIA
por_dia_ingenuo = np.abs(prueba - ingenuos["semana_anterior"]).reshape(dias, energia.POR_DIA).mean(axis=1)
for corrida in e["corridas"]:
    por_dia = np.abs(e["real"] - corrida["pronostico"]).reshape(dias, energia.POR_DIA).mean(axis=1)
    print(f"Semilla {corrida['semilla']}: le gana al ingenuo de la semana anterior en {np.sum(por_dia < por_dia_ingenuo)} de {dias} días")
fig, ax = plt.subplots(figsize=(9, 3.2))
grafica_pronostico(ax, e["real"], {"lstm": e["corridas"][0]["pronostico"], "semana_anterior": ingenuos["semana_anterior"]},
                   pasos=3 * energia.POR_DIA)
ax.set_title("Primeros 3 días del periodo de prueba (LSTM de la semilla 0)")
plt.tight_layout()
plt.show()

# %% [markdown]
# **Qué significa el margen.** En las dos semanas de prueba la LSTM se equivoca en promedio **265 MW** (de 232 a 305 MW según la semilla), contra **514 MW** del ingenuo de la semana anterior, 652 MW del último valor y 1923 MW del día anterior (la demanda es bastante más baja el fin de semana, así que «igual que ayer» falla mucho los sábados y los lunes). Tres maneras de leer ese margen:
#
# * **Reducción relativa del error.** $1 - 264.5/513.9 \approx 0.49$: la LSTM quita el 49 % del error del rival más difícil (entre 41 % y 55 % según la semilla). Contra el día anterior la reducción es del 86 %, pero ese rival es débil y ganarle dice poco: la comparación que importa es contra la mejor línea base.
# * **Contra el azar de la semilla.** La diferencia, unos 249 MW, es casi 9 veces la desviación estándar entre semillas (28 MW), y las 5 semillas ganan: el margen no depende de una inicialización afortunada. Con un presupuesto corto (300 iteraciones fijas, la última como modelo) y una sola semilla, la LSTM ganaba apenas 500 contra 514 MW: así no había manera de saber si esos 14 MW eran más que lo que cambia el resultado de una semilla a otra (con el presupuesto de ahora esa desviación estándar es de 28 MW, el doble): ese margen no permitía afirmar nada.
# * **Día por día.** Cada semilla se equivoca menos que el ingenuo en 11 o 12 de los 14 días. Todas pierden el martes 22 y el viernes 25 de agosto, días en que la semana se repitió casi igual y el ingenuo se equivocó menos de 270 MW.
#
# El MAE de validación de la LSTM (184 MW en promedio) es menor que el de prueba, y es lo esperado por dos razones: es el mínimo de muchas mediciones ruidosas, así que es optimista, y los periodos son distintos: el ingenuo de la semana anterior pasa de 752 MW en la validación a 514 MW en la prueba. Por eso los MAE solo se comparan dentro de un mismo periodo, y el número que se reporta es el de la prueba.
#
# Una advertencia: dos semanas de prueba son pocas. El margen vale para este verano de 2000; para afirmarlo en general habría que repetir la evaluación en más periodos (por ejemplo, con varias particiones sucesivas en el tiempo).

# %% [markdown]
# ## Resumen
#
# * Recortar el gradiente por su **norma global** evita que un gradiente que explota arruine el entrenamiento, sin cambiar su dirección.
# * **Adam** adapta el tamaño del paso a cada parámetro; la **corrección de sesgo** importa en los primeros pasos.
# * En el metro, la información necesaria estaba $L$ pasos atrás: la **RNN simple** la pierde al crecer $L$ y la **LSTM** y la **GRU**, con su memoria aditiva, la conservan.
# * Con series de tiempo: **partición fija** en orden, **ventanas** cuyo objetivo está fuera de la ventana, **normalización** con estadísticas solo del entrenamiento y comparación contra **líneas base honestas** con el **MAE**.
# * La **validación** elige (aquí, cuándo parar: la **parada temprana** se queda con los parámetros del mejor MAE de validación); la **prueba** se mide una sola vez, al final; y el entrenamiento se repite con varias **semillas** para saber si el margen sobre las líneas base es mayor que lo que cambia de una semilla a otra.
#
# Con esto cierras el recorrido del curso: del problema de la memoria (lección 01) a redes con compuertas que lo resuelven en datos reales.

# %% [markdown]
# ## Cuestionario
#
# Cuatro preguntas para repasar las ideas de la lección. En cada una escribe entre comillas la letra de tu respuesta, por ejemplo `respuesta_1 = "a"`. La prueba visible solo revisa que elegiste una de las opciones; al calificar se te dice si es la correcta y por qué.

# %% [markdown]
# **Pregunta 1.** En esta lección la prueba (las dos últimas semanas) se mide una sola vez, al final, con los modelos que ya eligió la validación. ¿Por qué no la medimos en cada corrida para decidir qué configuración usar?
#
# * (a) Porque medir la prueba es caro: recorrer sus 672 ventanas tarda mucho.
# * (b) Porque cada decisión que se toma mirando la prueba la ajusta un poco a esas dos semanas, y su MAE dejaría de ser una estimación honesta del error con datos nuevos.
# * (c) Porque la prueba está normalizada con la media del entrenamiento, y su MAE no se puede comparar con el de la validación.
# * (d) Porque al evaluar la prueba la red la aprende: medir actualiza los pesos.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_09_p1", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_1 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_09_p1_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_1, 1, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("09_aplicaciones", 1, respuesta_1)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 2.** La LSTM de la demanda se entrenó hasta 3000 iteraciones, midiendo el MAE de validación cada 50. ¿Con qué parámetros se queda al final?
#
# * (a) Con los de la última iteración: son los que más entrenaron.
# * (b) Con los de la medición que tuvo el menor MAE de validación.
# * (c) Con los de la iteración con la menor pérdida del lote de entrenamiento.
# * (d) Con los de la medición con el menor MAE en la prueba.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_09_p2", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_2 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_09_p2_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_2, 2, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("09_aplicaciones", 2, respuesta_2)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 3.** Imagina otra serie en la que, con 5 semillas, la LSTM da en la prueba un MAE promedio de 480 MW (de 400 a 560 MW según la semilla) y el ingenuo de la semana anterior da 500 MW. ¿Qué puedes concluir?
#
# * (a) Que la LSTM es mejor: reduce el error un 4 %.
# * (b) Que el margen (20 MW) es mucho menor que lo que cambia el resultado de una semilla a otra: con esta evidencia no puedes afirmar que la LSTM le gane al ingenuo.
# * (c) Que el ingenuo es mejor, porque algunas semillas dan más de 500 MW.
# * (d) Que basta con reportar la mejor semilla: 400 MW, un 20 % menos de error.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_09_p3", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_3 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_09_p3_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_3, 3, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("09_aplicaciones", 3, respuesta_3)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 4.** Adam divide cada paso entre $\sqrt{\hat v}$, así que un gradiente diminuto produce un paso de tamaño parecido a $\alpha$. ¿Resuelve eso el problema del gradiente que se desvanece a lo largo del tiempo en una RNN simple?
#
# * (a) Sí: reescala el gradiente diminuto y la RNN aprende dependencias largas igual que la LSTM.
# * (b) No: el gradiente de cada peso es una suma sobre los pasos de tiempo; si lo que llega desde muchos pasos atrás ya es casi cero, reescalar la suma no lo recupera.
# * (c) No, porque Adam solo funciona si además se recorta el gradiente.
# * (d) Sí, gracias a la corrección de sesgo de los primeros pasos.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_09_p4", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_4 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_09_p4_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_4, 4, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("09_aplicaciones", 4, respuesta_4)
### END HIDDEN TESTS
