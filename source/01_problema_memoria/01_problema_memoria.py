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
# # Lección 01 · El problema de la memoria
#
# **Tiempo estimado:** unos 90 minutos. **Antes de empezar:** ninguna lección previa; necesitas el producto de matrices y sus formas, la derivada de $\tanh$ y la regla de la cadena, y numpy básico (arreglos, índices y `@`).
#
# En esta lección vas a construir, con numpy, una **red neuronal recurrente (RNN)** simple y vas a medir por qué le cuesta recordar cosas que pasaron hace muchos pasos. Ese problema es la razón de ser de la LSTM y de la GRU, que veremos en las lecciones siguientes.
#
# **Al terminar podrás:**
#
# 1. distinguir un problema estático de uno secuencial y nombrar las cuatro formas de tarea con secuencias;
# 2. escribir un paso de la RNN, $h_t = \tanh(W\cdot[h_{t-1}; x_t] + b)$, y recorrer con él una secuencia completa;
# 3. calcular la pérdida de entropía cruzada sumada a lo largo del tiempo;
# 4. medir cómo se desvanece (o explota) el gradiente al viajar hacia atrás en el tiempo.
#
# **Cómo trabajar.** Ejecuta las celdas en orden (`Shift + Enter`). Donde veas `# TU CÓDIGO AQUÍ`, borra la línea `raise NotImplementedError(…)` y escribe tu solución. Cada ejercicio va seguido de una celda de pruebas: si no muestra error, vas bien. Al calificar se agregan pruebas ocultas con datos aleatorios, así que resuelve el caso general y no solo el ejemplo. El botón **Validate** de la barra del cuaderno corre todas las pruebas visibles a la vez.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import numpy as np
import matplotlib.pyplot as plt

from course.cuestionario import revisar_respuesta
from course.datos import siguientes_estaciones, trayectoria_pelota
from course.diagramas import diagrama_rnn_desenrollada
from course.graficas import grafica_pelota
from course.paneles import panel_gradientes
from course.pruebas import comprobar_cercano, comprobar_escalar, comprobar_forma, con_referencia, generador

# %% [markdown]
# ## 1. Problemas estáticos y problemas con secuencias
#
# Si te digo que una persona de la Ciudad de México mide 1.70 m y te pido estimar su peso, basta con ese dato: una red neuronal **totalmente conectada** aprende una función de la estatura al peso y el orden en que le llegan los ejemplos no importa. Es un problema **estático**: una entrada, una salida, sin historia.
#
# Ahora mira esta pelota. Con una sola foto no sabes hacia dónde va: podría subir, bajar o estar quieta. Con varias fotos seguidas ya ves su velocidad y la curva que describe, y puedes apostar por la siguiente posición.

# %%
posiciones = trayectoria_pelota(T=8)
fig, ejes = plt.subplots(1, 2, figsize=(8, 3))
grafica_pelota(ejes[0], posiciones, mostrar=1)
ejes[0].set_title("Una posición: ¿a dónde va?")
grafica_pelota(ejes[1], posiciones, mostrar=5, revelar=True)
ejes[1].set_title("Cinco posiciones: ya se adivina")
plt.show()

# %% [markdown]
# ### El metro de la CDMX
#
# Angelito va en el metro rumbo a su casa y el tren se detiene en **Pino Suárez**. ¿Cuál es la siguiente estación? Depende: Pino Suárez está en dos líneas y cada una tiene dos sentidos.

# %%
for linea, direccion, siguiente in siguientes_estaciones("Pino Suárez"):
    print(f"Línea {linea}, dirección {direccion}: sigue {siguiente}")

# %% [markdown]
# Para contestar, una red necesita **saber en qué línea va**, y eso no está en la estación actual: hay que **recordar** por dónde venía el tren. El caso extremo es Pantitlán, terminal de cuatro líneas. Si Angelito, como todos los días, llega a Pantitlán, la estación siguiente depende de algo que ocurrió muchas estaciones atrás.

# %%
for linea, direccion, siguiente in siguientes_estaciones("Pantitlán"):
    print(f"Línea {linea}, dirección {direccion}: sigue {siguiente}")

# %% [markdown]
# ### Cuatro formas de tarea
#
# | forma | ejemplo | entradas → salidas |
# |---|---|---|
# | uno a uno | clasificación binaria de una imagen, estatura → peso | 1 → 1 (problema estático) |
# | varios a uno | clasificar el sentimiento de una reseña | secuencia → 1 |
# | uno a varios | describir una imagen con una frase | 1 → secuencia |
# | varios a varios | traducir una oración | secuencia → secuencia |
#
# Las tres últimas necesitan un modelo que procese secuencias y guarde **memoria** de lo ya visto. Esa memoria es el **estado oculto** $h_t$.

# %% [markdown]
# ## 2. La celda recurrente
#
# Una RNN aplica **la misma** función, con **los mismos** pesos, en cada paso de tiempo. Recibe la entrada actual $x_t$ y su propia memoria $h_{t-1}$, y produce la memoria nueva:
#
# $$h_t = \tanh\left(W \cdot [h_{t-1};\, x_t] + b\right)$$
#
# Aquí $[h_{t-1}; x_t]$ es la **concatenación vertical**: primero $h_{t-1}$ y debajo $x_t$. En todo el curso usamos vectores columna y procesamos $m$ ejemplos a la vez, uno por columna:
#
# | símbolo | forma | qué es |
# |---|---|---|
# | $x_t$ | `(n_x, m)` | entrada en el paso $t$ |
# | $h_t$ | `(n_h, m)` | estado oculto (la memoria) |
# | $W$ | `(n_h, n_h + n_x)` | pesos, actúan sobre $[h_{t-1}; x_t]$ |
# | $b$ | `(n_h, 1)` | sesgo, se suma a cada columna |
# | secuencia $x$ | `(n_x, m, T)` | $T$ pasos de tiempo |
#
# En `tf.keras.layers.SimpleRNN(rnn_units)`, el número de unidades `rnn_units` es justamente $n_h$.
#
# **Otra notación.** Algunas notas escriben $h_t = \tanh(W_x^T x_t + W_h^T h_{t-1})$ y otras usan $a^{<t>}$ en lugar de $h_t$. Es la misma cuenta: si partes $W$ en sus primeras $n_h$ columnas $W_h$ y las $n_x$ restantes $W_x$,
#
# $$W \cdot [h_{t-1}; x_t] = W_h\, h_{t-1} + W_x\, x_t .$$
#
# (Las transpuestas vienen de cómo guarda Keras los pesos: su matriz de entrada tiene forma `(n_x, n_h)`, una columna por unidad, así que multiplicarla por $x_t$ pide $W_x^T x_t$. En el curso $W_x$ es `(n_h, n_x)` y no hace falta transponer.)

# %%
diagrama_rnn_desenrollada(T=4)


# %% [markdown]
# ### Ejercicio 1 · Partir la matriz de pesos (1 punto)
#
# Escribe `dividir_pesos(W, n_h)` que devuelva la tupla `(W_h, W_x)`: `W_h` son las primeras `n_h` columnas de `W` y `W_x` las demás.

# %% nbgrader={"grade": false, "grade_id": "dividir_pesos", "locked": false, "schema_version": 3, "solution": true}
def dividir_pesos(W, n_h):
    """Parte W (n_h, n_h + n_x) en W_h (n_h, n_h) y W_x (n_h, n_x)."""
    ### BEGIN SOLUTION
    W_h = W[:, :n_h]
    W_x = W[:, n_h:]
    ### END SOLUTION
    return W_h, W_x


# %% nbgrader={"grade": true, "grade_id": "dividir_pesos_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# n_h = 2, n_x = 3
W = np.arange(10.0).reshape(2, 5)
resultado = llamar(dividir_pesos, W, 2)
assert isinstance(resultado, tuple) and len(resultado) == 2, "dividir_pesos debe devolver una tupla (W_h, W_x)."
W_h, W_x = resultado
comprobar_forma(W_h, (2, 2), "W_h", pista="W_h son las primeras n_h columnas de W.")
comprobar_forma(W_x, (2, 3), "W_x", pista="W_x son las columnas que quedan después de las primeras n_h.")
comprobar_cercano(W_h, [[0, 1], [5, 6]], "W_h")
comprobar_cercano(W_x, [[2, 3, 4], [7, 8, 9]], "W_x")
print("¡Bien! dividir_pesos pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import rnn
for semilla in range(6):
    rng = generador(10 + semilla)
    n_h, n_x = (int(v) for v in rng.integers(1, 9, size=2))
    W = rng.standard_normal((n_h, n_h + n_x))
    W_h, W_x = dividir_pesos(W, n_h)
    esperado_h, esperado_x = rnn.separar_pesos(W, n_h)
    comprobar_cercano(W_h, esperado_h, f"W_h con n_h={n_h}, n_x={n_x}")
    comprobar_cercano(W_x, esperado_x, f"W_x con n_h={n_h}, n_x={n_x}")
### END HIDDEN TESTS

# %% [markdown]
# ### Ejercicio 2 · Un paso de la RNN (2 puntos)
#
# Escribe `paso_rnn(x_t, h_prev, W, b)` que calcule $h_t = \tanh(W \cdot [h_{t-1}; x_t] + b)$ para $m$ ejemplos a la vez.
#
# * `np.concatenate([a, c], axis=0)` (o `np.vstack`) apila matrices una sobre otra.
# * `@` es el producto matricial y `np.tanh` la tangente hiperbólica.
# * El sesgo `b` de forma `(n_h, 1)` se suma a cada columna por *broadcasting*: no necesitas un ciclo sobre los ejemplos.

# %% nbgrader={"grade": false, "grade_id": "paso_rnn", "locked": false, "schema_version": 3, "solution": true}
def paso_rnn(x_t, h_prev, W, b):
    """Un paso de la RNN.

    x_t (n_x, m), h_prev (n_h, m), W (n_h, n_h + n_x), b (n_h, 1)  ->  h_t (n_h, m)
    """
    ### BEGIN SOLUTION
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    h_t = np.tanh(W @ concatenado + b)
    ### END SOLUTION
    return h_t


# %% nbgrader={"grade": true, "grade_id": "paso_rnn_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # un error de formas de numpy dentro de tu función llega explicado

# Caso cerrado: n_h = 2, n_x = 1, m = 2 ejemplos (uno por columna).
W = np.array([[1.0, 0.0, 2.0],
              [0.0, -1.0, 1.0]])
h_prev = np.array([[1.0, 0.0],
                   [0.0, 1.0]])
x_t = np.array([[1.0, -1.0]])
b = np.array([[0.5], [-0.5]])
h_t = llamar(paso_rnn, x_t, h_prev, W, b)
comprobar_forma(h_t, (2, 2), "h_t", pista="h_t tiene un renglón por unidad y una columna por ejemplo.")
# A mano: W·[h_prev; x_t] + b = [[3.5, -1.5], [0.5, -2.5]]
comprobar_cercano(h_t, np.tanh([[3.5, -1.5], [0.5, -2.5]]), "h_t", errores_comunes={
    "¿concatenaste [h, x] en ese orden? Tu resultado corresponde a [x, h].": np.tanh([[1.5, 1.5], [-1.5, 0.5]]),
    "¿olvidaste sumar el sesgo b?": np.tanh([[3.0, -2.0], [1.0, -2.0]]),
    "¿olvidaste aplicar tanh al final?": [[3.5, -1.5], [0.5, -2.5]],
    "¿usaste la sigmoide? La celda RNN usa tanh.": 1 / (1 + np.exp(-np.array([[3.5, -1.5], [0.5, -2.5]]))),
})
print("¡Bien! paso_rnn pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import rnn
for semilla in range(6):
    rng = generador(20 + semilla)
    n_x, n_h = (int(v) for v in rng.integers(1, 7, size=2))
    m = 1 if semilla < 2 else int(rng.integers(2, 6))
    W = rng.standard_normal((n_h, n_h + n_x))
    b = rng.standard_normal((n_h, 1))
    x_t = rng.standard_normal((n_x, m))
    h_prev = np.tanh(rng.standard_normal((n_h, m)))
    comprobar_cercano(paso_rnn(x_t, h_prev, W, b), rnn.celda(x_t, h_prev, W, b), f"h_t con n_x={n_x}, n_h={n_h}, m={m}")
# Entradas enormes: tanh satura en ±1, sin NaN.
x_t = 1e4 * generador(27).standard_normal((3, 4))
W = generador(28).standard_normal((2, 5))
comprobar_cercano(paso_rnn(x_t, np.zeros((2, 4)), W, np.zeros((2, 1))), rnn.celda(x_t, np.zeros((2, 4)), W, np.zeros((2, 1))), "h_t con entradas grandes")
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Recorrer una secuencia
#
# La RNN recorre la secuencia paso a paso y **cada estado se vuelve la memoria del siguiente**. En pseudocódigo, para predecir la palabra que sigue en una frase:
#
# ```python
# estado = [0, 0, 0, 0]
# frase = ["me", "gustan", "las", "redes"]
# for palabra in frase:
#     prediccion, estado = mi_rnn(palabra, estado)
# siguiente_palabra = prediccion   # ojalá: "recurrentes"
# ```
#
# Aunque el dibujo «desenrollado» parece tener una red distinta en cada tiempo, es **una sola red** con los mismos pesos, aplicada $T$ veces. El estado inicial $h_0$ lo da quien llama a la función: a veces son ceros, a veces la memoria que dejó otra secuencia.
#
# ### Ejercicio 3 · La RNN sobre toda la secuencia (2 puntos)
#
# Escribe `rnn_adelante(x, h0, W, b)` que, con `x` de forma `(n_x, m, T)`, devuelva `H` de forma `(n_h, m, T)` con `H[:, :, t]` igual al estado **después** de leer `x[:, :, t]`. Empieza desde el `h0` que recibes y usa tu `paso_rnn`.

# %% nbgrader={"grade": false, "grade_id": "rnn_adelante", "locked": false, "schema_version": 3, "solution": true}
def rnn_adelante(x, h0, W, b):
    """Recorre la secuencia.

    x (n_x, m, T), h0 (n_h, m), W (n_h, n_h + n_x), b (n_h, 1)  ->  H (n_h, m, T)
    """
    n_h, m = h0.shape
    T = x.shape[2]
    H = np.zeros((n_h, m, T))
    ### BEGIN SOLUTION
    h = h0
    for t in range(T):
        h = paso_rnn(x[:, :, t], h, W, b)
        H[:, :, t] = h
    ### END SOLUTION
    return H


# %% nbgrader={"grade": true, "grade_id": "rnn_adelante_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
from course.pruebas import comprobar_sin_cambios

# Esta prueba cambia paso_rnn por un paso de juguete que NO es la celda RNN, h_t = h_prev + x_t,
# y anota con qué x_t la llamas: así califica solo tu ciclo.
llamadas = []


def paso_de_juguete(x_t, h_prev, W, b):
    llamadas.append(np.array(x_t, dtype=float))
    return h_prev + x_t


with con_referencia(globals(), paso_rnn=paso_de_juguete):
    # n_h = n_x = 1, m = 1, T = 3, desde h0 = 0.5: los estados son 0.5 + 1, + 2, + 3.
    h0 = np.array([[0.5]])
    H = llamar(rnn_adelante, np.array([1.0, 2.0, 3.0]).reshape(1, 1, 3), h0, np.zeros((1, 2)), np.zeros((1, 1)))
comprobar_sin_cambios([[0.5]], h0, "h0")
comprobar_forma(H, (1, 1, 3), "H", pista="H guarda un estado (n_h, m) por cada uno de los T pasos.")
comprobar_cercano(H, np.array([1.5, 3.5, 6.5]).reshape(1, 1, 3), "H", errores_comunes={
    "¿empezaste desde ceros? Debes partir del h0 que recibe la función.": np.array([1.0, 3.0, 6.0]).reshape(1, 1, 3),
    "¿guardaste el estado anterior en lugar del nuevo? H[:, :, t] es el estado después de leer x[:, :, t].": np.array([0.5, 1.5, 3.5]).reshape(1, 1, 3),
})
assert len(llamadas) == 3, f"rnn_adelante debe llamar a paso_rnn una vez por paso (T = 3); la llamó {len(llamadas)} veces."
comprobar_cercano(np.concatenate(llamadas, axis=1), [[1.0, 2.0, 3.0]], "las x_t que recibió paso_rnn",
                  pista="En el paso t, paso_rnn recibe x[:, :, t], de forma (n_x, m).")
print("¡Bien! rnn_adelante pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import rnn
with con_referencia(globals(), paso_rnn=rnn.celda):
    for semilla in range(5):
        rng = generador(30 + semilla)
        n_x, n_h, T = (int(v) for v in rng.integers(1, 6, size=3))
        m = 1 if semilla == 0 else int(rng.integers(2, 5))
        W = rng.standard_normal((n_h, n_h + n_x))
        b = rng.standard_normal((n_h, 1))
        x = rng.standard_normal((n_x, m, T))
        h0 = np.tanh(rng.standard_normal((n_h, m)))
        esperado, h0_antes = rnn.recorrido(x, h0, W, b), h0.copy()
        comprobar_cercano(rnn_adelante(x, h0, W, b), esperado, f"H con n_x={n_x}, n_h={n_h}, m={m}, T={T}")
        comprobar_sin_cambios(h0_antes, h0, "h0")
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Salida y pérdida
#
# En cada paso la red puede emitir una predicción a partir de su memoria. Para una tarea binaria (por ejemplo, «¿la siguiente palabra es un verbo?») usamos una capa lineal y una sigmoide:
#
# $$\hat{y}_t = \sigma(W_y\, h_t + b_y), \qquad \sigma(z) = \frac{1}{1 + e^{-z}} .$$
#
# La pérdida de un paso es la **entropía cruzada binaria**, y la de la secuencia es la **suma** sobre los pasos de tiempo:
#
# $$\mathcal{L}^{(t)} = -\,y_t \log \hat{y}_t - (1 - y_t) \log (1 - \hat{y}_t), \qquad \mathcal{L} = \sum_{t=1}^{T} \mathcal{L}^{(t)} .$$
#
# Con $m$ ejemplos, promediamos $\mathcal{L}$ entre ellos: **suma en el tiempo, promedio en los ejemplos**.
#
# ### Ejercicio 4 · La pérdida de la secuencia (2 puntos)
#
# Escribe `perdida_secuencia(y_hat, y)`; ambos tienen forma `(1, m, T)` y los valores de `y_hat` están estrictamente entre 0 y 1. Devuelve un solo número (`float`).

# %% nbgrader={"grade": false, "grade_id": "perdida_secuencia", "locked": false, "schema_version": 3, "solution": true}
def perdida_secuencia(y_hat, y):
    """Entropía cruzada binaria: suma en el tiempo, promedio en los ejemplos.

    y_hat, y (1, m, T)  ->  float
    """
    ### BEGIN SOLUTION
    m = y.shape[1]
    por_paso = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    perdida = float(np.sum(por_paso) / m)
    ### END SOLUTION
    return perdida


# %% nbgrader={"grade": true, "grade_id": "perdida_secuencia_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Con y_hat = 0.5 cada paso cuesta log 2; con T = 3 pasos la secuencia cuesta 3 log 2.
y_hat = np.full((1, 2, 3), 0.5)
y = np.array([[[1, 0, 1], [0, 0, 1]]], dtype=float)
comprobar_escalar(perdida_secuencia(y_hat, y), 3 * np.log(2), "la pérdida", errores_comunes={
    "¿promediaste en el tiempo? La pérdida de la secuencia es la suma de los T pasos.": np.log(2),
    "¿sumaste también los ejemplos? Hay que promediar entre los m ejemplos.": 6 * np.log(2),
    "¿olvidaste el signo menos?": -3 * np.log(2),
})
# Si y = 1 y y_hat = e^(-1), cada paso cuesta exactamente 1.
comprobar_escalar(perdida_secuencia(np.full((1, 1, 4), np.exp(-1)), np.ones((1, 1, 4))), 4.0, "la pérdida con y = 1")
# m = 2 ejemplos, T = 2 pasos, valores distintos: (−log 0.8 − log 0.5 − log 0.75 − log 0.9) / 2.
y_hat = np.array([[[0.8, 0.5], [0.25, 0.9]]])
y = np.array([[[1, 0], [0, 1]]], dtype=float)
comprobar_escalar(perdida_secuencia(y_hat, y), -(np.log(0.8) + np.log(0.5) + np.log(0.75) + np.log(0.9)) / 2,
                  "la pérdida con m=2, T=2", errores_comunes={
    "¿intercambiaste y_hat y 1 − y_hat? Cuando y = 1 el paso cuesta −log(y_hat).": -(np.log(0.2) + np.log(0.5) + np.log(0.25) + np.log(0.1)) / 2,
}, pista="Suma −[y·log(y_hat) + (1 − y)·log(1 − y_hat)] sobre los T pasos y promedia entre los m ejemplos.")
print("¡Bien! perdida_secuencia pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import rnn
for semilla in range(5):
    rng = generador(40 + semilla)
    m = 1 if semilla == 0 else int(rng.integers(2, 7))
    T = int(rng.integers(1, 9))
    y_hat = rng.uniform(0.01, 0.99, size=(1, m, T))
    y = (rng.random((1, m, T)) < 0.5).astype(float)
    comprobar_escalar(perdida_secuencia(y_hat, y), rnn.entropia_cruzada(y_hat, y), f"la pérdida con m={m}, T={T}")
### END HIDDEN TESTS

# %% [markdown]
# Con tus funciones ya puedes hacer una pasada completa: secuencia → estados → predicciones → pérdida, con pesos aleatorios (una red que todavía no sabe nada), $m = 4$ ejemplos y $T = 6$ pasos.
#
# **Predice, luego ejecuta.** Antes de correr la celda de abajo, anota cuánto crees que valdrá la pérdida. Pista: si la red no sabe nada, ¿qué probabilidad le da a cada etiqueta y cuánto cuesta cada paso?
#
# <details>
# <summary>Respuesta</summary>
#
# Una red que no sabe nada predice $\hat{y}_t \approx 0.5$, y entonces cada paso cuesta $-\log 0.5 = \log 2 \approx 0.693$, sea cual sea la etiqueta: con $T = 6$ pasos, la pérdida ronda $6 \log 2 \approx 4.159$. La celda imprime 4.450, algo más, porque con estos pesos las predicciones van de 0.29 a 0.70 en lugar de quedarse en 0.5, y con etiquetas al azar equivocarse con seguridad cuesta más de lo que se gana al acertar. Si a ti te sale 0.742 (promediaste en el tiempo) o 17.8 (sumaste los ejemplos), revisa tu `perdida_secuencia`.
#
# </details>

# %%
rng = np.random.default_rng(0)
n_x, n_h, m, T = 3, 5, 4, 6
x = rng.standard_normal((n_x, m, T))
W = 0.5 * rng.standard_normal((n_h, n_h + n_x))
b = np.zeros((n_h, 1))
W_y = 0.5 * rng.standard_normal((1, n_h))
b_y = np.zeros((1, 1))

H = rnn_adelante(x, np.zeros((n_h, m)), W, b)
y_hat = 1 / (1 + np.exp(-(np.einsum("ih,hmt->imt", W_y, H) + b_y[:, :, None])))
y = (rng.random((1, m, T)) < 0.5).astype(float)
print("forma de H:", H.shape, " forma de y_hat:", y_hat.shape)
print(f"pérdida = {perdida_secuencia(y_hat, y):.3f}   (T·log 2 = {T * np.log(2):.3f})")


# %% [markdown]
# ## 5. Dependencias largas
#
# Si quieres completar «las nubes están en el ___», la pista («nubes») está a unas cuantas palabras: una RNN lo resuelve sin problema. Pero en «Crecí en **Francia** hace muchos años, me mudé varias veces, estudié y trabajé en otros países… y hablo **francés** con fluidez», la palabra que decide la respuesta quedó muy atrás. La información de «Francia» tiene que sobrevivir a muchas aplicaciones de la celda, y en cada una pasa por $W_h$ y por una $\tanh$.
#
# Lo mismo ocurre al **entrenar**. El gradiente que llega al estado $h_{T-k}$ desde el final es un producto de $k$ jacobianos:
#
# $$\frac{\partial h_T}{\partial h_{T-k}} = \prod_{j=T-k+1}^{T} \frac{\partial h_j}{\partial h_{j-1}}, \qquad \frac{\partial h_j}{\partial h_{j-1}} = \operatorname{diag}\!\left(1 - h_j^2\right) W_h .$$
#
# El factor $1 - h_j^2$ es la derivada de $\tanh$ y nunca pasa de 1. Si los valores singulares de $W_h$ son menores que 1, el producto **se desvanece** exponencialmente con $k$; si son mayores, puede **explotar**. Hochreiter y Schmidhuber (1997) lo describieron así: con la retropropagación a través del tiempo, las señales de error que viajan hacia atrás tienden a explotar o a desvanecerse.
#
# ### Ejercicio 5 · Normas del gradiente contra la distancia (3 puntos)
#
# Escribe `normas_gradiente(H, W)` para **un solo ejemplo**: `H` tiene forma `(n_h, 1, T)` con los estados $h_1, \dots, h_T$ (lo que devuelve `rnn_adelante`) y `W` es la matriz completa `(n_h, n_h + n_x)`. Devuelve un arreglo `normas` de forma `(T,)` con
#
# $$\text{normas}[k] = \left\lVert \frac{\partial h_T}{\partial h_{T-k}} \right\rVert_2, \qquad k = 0, 1, \dots, T-1,$$
#
# donde $\lVert\cdot\rVert_2$ es la norma espectral (`np.linalg.norm(J, 2)`). A distancia 0 el jacobiano es la identidad, así que `normas[0] = 1`. Ojo con el orden: $h_j$ está en `H[:, 0, j - 1]`.

# %% nbgrader={"grade": false, "grade_id": "normas_gradiente", "locked": false, "schema_version": 3, "solution": true}
def normas_gradiente(H, W):
    """Normas espectrales de dh_T/dh_(T-k) para k = 0, ..., T-1.

    H (n_h, 1, T), W (n_h, n_h + n_x)  ->  normas (T,)
    """
    n_h, _, T = H.shape
    normas = np.zeros(T)
    ### BEGIN SOLUTION
    W_h = W[:, :n_h]
    J = np.eye(n_h)
    normas[0] = 1.0
    for k in range(1, T):
        h_j = H[:, 0, T - k]
        J = J @ (np.diag(1 - h_j**2) @ W_h)
        normas[k] = np.linalg.norm(J, 2)
    ### END SOLUTION
    return normas


# %% nbgrader={"grade": true, "grade_id": "normas_gradiente_prueba", "locked": true, "points": 3, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Estados en cero: cada jacobiano es W_h = 0.5·I, así que normas[k] = 0.5^k.
W = np.hstack([0.5 * np.eye(2), np.ones((2, 2))])   # n_h = 2, n_x = 2
normas = llamar(normas_gradiente, np.zeros((2, 1, 4)), W)
comprobar_forma(normas, (4,), "normas", pista="Devuelve un arreglo de una dimensión con T normas.")
comprobar_cercano(normas, [1, 0.5, 0.25, 0.125], "normas con h = 0", errores_comunes={
    "¿tomaste W_x en lugar de W_h? W_h son las primeras n_h columnas de W.": [1, 2, 4, 8],
    "¿usaste la norma de Frobenius? Pide la espectral: np.linalg.norm(J, 2).": np.sqrt(2) * np.array([1, 0.5, 0.25, 0.125]),
    "¿usaste la norma de Frobenius (np.linalg.norm(J) sin el 2)? Pide la espectral: np.linalg.norm(J, 2).": [1, np.sqrt(2) * 0.5, np.sqrt(2) * 0.25, np.sqrt(2) * 0.125],
})
# Estados en 0.5: la derivada de tanh aporta 1 - 0.25 = 0.75 en cada paso.
normas = normas_gradiente(np.full((2, 1, 4), 0.5), W)
comprobar_cercano(normas, 0.375 ** np.arange(4), "normas con h = 0.5", errores_comunes={
    "¿olvidaste la derivada de tanh, diag(1 - h_j²)?": 0.5 ** np.arange(4),
})
# W_h no simétrica y un estado distinto en cada paso (n_h = 2, n_x = 1, T = 3): el orden del producto importa.
# Con D_t = diag(1 − h_t²), dh_T/dh_(T−1) = D_2·W_h y dh_T/dh_(T−2) = D_2·W_h·D_1·W_h.
W_h = np.array([[0.5, -0.8],
                [0.3, 0.9]])
H = np.array([[0.1, 0.5, -0.7],
              [-0.2, 0.3, 0.6]]).reshape(2, 1, 3)
D = [np.diag(1 - H[:, 0, t] ** 2) for t in range(3)]
espectral = lambda A: np.linalg.norm(A, 2)
normas = normas_gradiente(H, np.hstack([W_h, np.ones((2, 1))]))
comprobar_cercano(normas, [1.0, espectral(D[2] @ W_h), espectral(D[2] @ W_h @ D[1] @ W_h)],
                  "normas con estados distintos en cada paso", errores_comunes={
    "¿multiplicaste los jacobianos en el orden inverso? El nuevo factor, más lejano de T, va a la derecha: J = J @ (D_j·W_h).":
        [1.0, espectral(D[2] @ W_h), espectral(D[1] @ W_h @ D[2] @ W_h)],
    "¿te corriste un paso en los estados? El primer jacobiano, dh_T/dh_(T−1), usa el último estado H[:, 0, T − 1].":
        [1.0, espectral(D[1] @ W_h), espectral(D[1] @ W_h @ D[0] @ W_h)],
    "¿pusiste la derivada de tanh a la derecha de W_h? Cada jacobiano es diag(1 − h_j²)·W_h, en ese orden.":
        [1.0, espectral(W_h @ D[2]), espectral(W_h @ D[2] @ W_h @ D[1])],
})
print("¡Bien! normas_gradiente pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import rnn
for semilla in range(4):
    rng = generador(50 + semilla)
    n_x, n_h = (int(v) for v in rng.integers(1, 6, size=2))
    T = int(rng.integers(2, 12))
    W = rng.standard_normal((n_h, n_h + n_x))
    H = rnn.recorrido(rng.standard_normal((n_x, 1, T)), np.zeros((n_h, 1)), W, np.zeros((n_h, 1)))
    comprobar_cercano(normas_gradiente(H, W), rnn.normas_jacobiano(H, W), f"normas con n_x={n_x}, n_h={n_h}, T={T}")
# Estados distintos en cada paso: el orden del producto importa.
rng = generador(59)
W = rng.standard_normal((3, 5))
H = np.tanh(rng.standard_normal((3, 1, 6)))
comprobar_cercano(normas_gradiente(H, W), rnn.normas_jacobiano(H, W), "normas con estados distintos en cada paso")
### END HIDDEN TESTS

# %% [markdown]
# ## 6. Juega con la memoria
#
# Mueve los deslizadores. El **radio espectral** de $W_h$ es el factor por el que $W_h$ estira los vectores (aquí $W_h$ es ortogonal por un escalar, así que estira todos por igual). La curva «sin tanh (ρ^k)» es la red sin $\tanh$, cuyo gradiente vale exactamente $\rho^k$; la curva «RNN con tanh» es la RNN de verdad. La línea gris punteada marca la norma 1, y las rojas, nuestro criterio: por debajo de $10^{-2}$ (una centésima de la norma a distancia 0) decimos que el gradiente **se desvanece** y por encima de $10^{2}$, que **explota**.
#
# * Con radio menor que 1, ¿a qué distancia el gradiente ya es menor que una milésima?
# * Con radio mayor que 1, la red sin $\tanh$ explota. ¿Por qué la de $\tanh$ no explota tanto? (Pista: ¿qué le pasa a $1 - h^2$ cuando los estados crecen?)
# * ¿Existe un radio con el que el gradiente sobreviva 100 pasos sin explotar? ¿Qué tan delicado es ese ajuste?
#
# <details>
# <summary>Respuestas</summary>
#
# * **Con radio menor que 1, ¿a qué distancia el gradiente ya es menor que una milésima?** Depende del radio. Sin $\tanh$ lo da la cuenta $\rho^k < 10^{-3}$, es decir, $k > \ln(10^{-3})/\ln\rho$: a partir de 10 pasos con $\rho = 0.5$, 31 con 0.8, 66 con 0.9 y 135 con 0.95 (fuera del panel). La RNN con $\tanh$ llega antes, porque cada $1 - h_j^2 < 1$ encoge un poco más: con $T = 100$ cruza $10^{-3}$ a la distancia 10 con $\rho = 0.5$, 29 con 0.8, 52 con 0.9 y 79 con 0.95. Con los valores iniciales ($\rho = 0.9$, $T = 40$) aún no la cruza: a distancia 39 vale $5.95\times10^{-3}$, que ya «se desvanece» según el criterio de $10^{-2}$; sube $T$ a 55 o más para verla pasar por debajo de $10^{-3}$.
# * **Con radio mayor que 1, ¿por qué la de $\tanh$ no explota tanto?** Porque con $\rho > 1$ los estados crecen, la $\tanh$ los comprime hacia $\pm 1$ y su derivada $1 - h^2$ baja: cada $\operatorname{diag}(1 - h_j^2)\,W_h$ encoge lo que $W_h$ estira. En la red del panel con $\rho = 1.2$ y $T = 100$, en la segunda mitad de la secuencia $1 - h^2$ vale 0.77 en promedio, así que el factor de cada paso ronda $1.2 \times 0.77 \approx 0.92$: a distancia 99 la norma vale 2.85, contra $1.2^{99} \approx 6.9\times10^{7}$ sin $\tanh$. No es una garantía: con $\rho = 1.3$ y $T = 100$ la curva con $\tanh$ sí explota (343 a distancia 99).
# * **¿Existe un radio con el que el gradiente sobreviva 100 pasos sin explotar? ¿Qué tan delicado es ese ajuste?** Sin $\tanh$, solo $\rho = 1$ exacto: con $T = 100$, $0.95^{99} \approx 6.2\times10^{-3}$ ya se desvanece y $1.05^{99} \approx 125$ ya explota, así que 0.05 de más o de menos lleva a un extremo o al otro. Con $\tanh$, $\rho = 1$ no basta (llega $5.6\times10^{-3}$, porque cada $1 - h^2$ resta un poco) y los radios de 1.05 a 1.25 dejan la norma a distancia 99 entre 0.073 y 5.3; pero la curva sube y baja de una $T$ a otra (con $\rho = 1.25$ y $T = 95$ llega a 82) y con 1.3 ya explota. Es un equilibrio frágil, que depende de los pesos y de la secuencia: nada que la red pueda sostener mientras aprende. La LSTM lo resuelve con otra idea: un camino por el que el gradiente pasa multiplicado por una compuerta que la red controla (lecciones 02 y 04).
#
# </details>

# %%
panel_gradientes().mostrar()

# %% [markdown]
# ## Resumen
#
# * Una RNN guarda su memoria en $h_t$ y la actualiza con la misma celda en cada paso: $h_t = \tanh(W\cdot[h_{t-1}; x_t] + b)$, que es lo mismo que $W_h h_{t-1} + W_x x_t + b$ dentro de la $\tanh$.
# * La pérdida de una secuencia suma las pérdidas de cada paso.
# * El gradiente que viaja $k$ pasos hacia atrás es un producto de $k$ jacobianos: se desvanece o explota de forma exponencial. Por eso la RNN simple olvida en qué línea del metro iba Angelito.
#
# En la siguiente lección empezamos la **LSTM**: una celda con una «cinta transportadora», el **estado de la celda** $C_t$, por donde la información (y el gradiente) puede viajar muchos pasos casi sin cambios.

# %% [markdown]
# ## Cuestionario
#
# Cuatro preguntas para revisar las ideas de la lección, de 1 punto cada una. En cada celda escribe entre comillas la letra de tu respuesta, por ejemplo `respuesta_1 = "a"`. La prueba visible solo revisa que hayas elegido una de las opciones; al calificar se revisa cuál elegiste, y la retroalimentación te explica por qué es o no es la correcta.

# %% [markdown]
# **Pregunta 1.** Una celda RNN con $n_x = 3$ entradas y $n_h = 5$ unidades procesa lotes de $m = 4$ ejemplos y secuencias de $T = 6$ pasos. ¿Cuántos números aprende, contando $W$ y $b$?
#
# * (a) 40
# * (b) 45
# * (c) 270: 45 por cada uno de los $T = 6$ pasos
# * (d) 180: 45 por cada uno de los $m = 4$ ejemplos

# %% nbgrader={"grade": false, "grade_id": "cuestionario_01_p1", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_1 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_01_p1_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_1, 1, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("01_problema_memoria", 1, respuesta_1)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 2.** Una red que todavía no aprende nada predice $\hat{y}_t = 0.5$ en cada paso de una secuencia de $T = 10$ pasos, con $m = 4$ ejemplos. ¿Cuánto vale la pérdida de la secuencia, como la calcula tu `perdida_secuencia`?
#
# * (a) $\log 2 \approx 0.69$
# * (b) $40 \log 2 \approx 27.7$
# * (c) $10 \log 2 \approx 6.93$
# * (d) No se puede saber sin conocer las etiquetas $y_t$.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_01_p2", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_2 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_01_p2_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_2, 2, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("01_problema_memoria", 2, respuesta_2)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 3.** ¿Por qué a una RNN simple le cuesta aprender que «Francia», 50 palabras atrás, decide la palabra «francés»?
#
# * (a) Porque la pérdida promedia los pasos de tiempo y el paso de «Francia» pesa apenas $1/T$.
# * (b) Porque $h_t$ solo guarda $n_h$ números y, tras 50 pasos, ya no le cabe nada más.
# * (c) Porque después de 50 aplicaciones de la $\tanh$, $h_T$ ya no depende de $x_1$ en absoluto.
# * (d) Porque el gradiente que llega 50 pasos atrás es un producto de 50 jacobianos $\operatorname{diag}(1 - h_j^2)\,W_h$, y ese producto se encoge (o crece) exponencialmente con la distancia.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_01_p3", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_3 = "d"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_01_p3_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_3, 3, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("01_problema_memoria", 3, respuesta_3)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 4.** En el panel, con radio espectral 1.2 y $T = 100$, la curva sin $\tanh$ llega a $6.9\times10^{7}$ a distancia 99 y la de la RNN con $\tanh$ se queda en 2.85. ¿Qué la frena?
#
# * (a) Con $\rho > 1$ los estados crecen, la $\tanh$ los comprime y su derivada $1 - h^2$ baja: cada $\operatorname{diag}(1 - h_j^2)$ encoge lo que $W_h$ estira.
# * (b) La $\tanh$ da valores entre $-1$ y $1$, así que cada jacobiano tiene norma menor que 1.
# * (c) El panel recorta el gradiente cuando pasa de $10^{2}$.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_01_p4", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_4 = "a"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_01_p4_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_4, 4, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("01_problema_memoria", 4, respuesta_4)
### END HIDDEN TESTS
