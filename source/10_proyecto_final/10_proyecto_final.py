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
# # Lección 10 · Proyecto final: entrena tu propia LSTM
#
# **Tiempo estimado:** unos 120 minutos. **Antes de empezar:** la lección 01 (paso y recorrido de la RNN, normas del gradiente), la 05 (paso y recorrido de la LSTM, tu `pesos_gatos`), la 06 (retropropagación de la LSTM) y la 09 (recorte del gradiente y Adam), y la derivada de la sigmoide.
#
# En la lección 05 elegiste **a mano** los pesos de una LSTM de una unidad que sabe si el sujeto era «el gato» o «los gatos»; en la 06 escribiste su retropropagación y en la 09, el recorte del gradiente y Adam. Hasta ahora ninguna de esas funciones había aprendido nada. En este proyecto las juntas: **tu** LSTM, con **tu** paso hacia adelante, **tu** retropropagación, **tu** recorte y **tu** Adam, aprende sola la concordancia del verbo. Luego comparas lo que aprendió con lo que tú diseñaste y mides, con tus propias funciones, por qué su gradiente no se desvanece como el de tu RNN de la lección 01.
#
# **Al terminar podrás:**
#
# 1. convertir la decisión final de una red de varios a uno (sigmoide y entropía cruzada binaria) en el error `dH` que recibe la retropropagación;
# 2. escribir el ciclo de entrenamiento completo: adelante, pérdida, atrás, recorte y Adam;
# 3. evaluar lo aprendido con frases que la red nunca vio, más largas que las del entrenamiento;
# 4. medir $\lVert\partial C_T/\partial C_{T-k}\rVert$ en tu LSTM entrenada y compararla con las normas de tu RNN.
#
# **Cómo trabajar.** Igual que en las lecciones anteriores: ejecuta las celdas en orden y, donde veas `# TU CÓDIGO AQUÍ`, borra la línea `raise NotImplementedError(…)` y escribe tu solución. Cada ejercicio va seguido de sus pruebas visibles; al calificar se agregan pruebas ocultas.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import os

import matplotlib.pyplot as plt
import numpy as np

from course.cuestionario import revisar_respuesta
from course.datos.gatos import RASGOS, frases_gatos, lote_gatos, predecir_verbo, verbo_correcto
from course.diagramas import diagrama_lstm
from course.pruebas import comprobar_cercano, comprobar_escalar, comprobar_forma, con_referencia, generador


# %% [markdown]
# ### Tus funciones de lecciones anteriores
#
# Este proyecto corre sobre lo que ya escribiste. **Copia en la celda siguiente tus propias soluciones** y ejecútala:
#
# * de la lección 01: `paso_rnn`, `rnn_adelante` y `normas_gradiente`;
# * de las lecciones 02 a 05: `sigmoide_estable`, `compuerta_olvido`, `compuerta_entrada`, `valor_candidato`, `actualizar_celda`, `compuerta_salida`, `estado_oculto`, `paso_lstm`, `lstm_adelante` y `pesos_gatos`;
# * de la lección 06: `paso_atras_lstm` y `lstm_atras`;
# * de la lección 09: `recortar_gradiente` y `paso_adam`.
#
# Como en la lección 06, tu `paso_lstm` debe guardar en `cache` también `"C_t"` y `"h_t"`. Las pruebas que califican esta lección usan sus propias versiones de estas funciones, así que un error en ellas no te cuesta puntos aquí; pero la red que entrenes en este cuaderno es la tuya: si tus funciones tienen un error, lo verás en sus resultados.

# %% nbgrader={"grade": false, "grade_id": "previas", "locked": false, "schema_version": 3, "solution": true}
# Copia aquí tus funciones de las lecciones 01, 02 a 05, 06 y 09 (la lista está arriba).
### BEGIN SOLUTION
def paso_rnn(x_t, h_prev, W, b):
    """Un paso de la RNN.

    x_t (n_x, m), h_prev (n_h, m), W (n_h, n_h + n_x), b (n_h, 1)  ->  h_t (n_h, m)
    """
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    h_t = np.tanh(W @ concatenado + b)
    return h_t


def rnn_adelante(x, h0, W, b):
    """Recorre la secuencia.

    x (n_x, m, T), h0 (n_h, m), W (n_h, n_h + n_x), b (n_h, 1)  ->  H (n_h, m, T)
    """
    n_h, m = h0.shape
    T = x.shape[2]
    H = np.zeros((n_h, m, T))
    h = h0
    for t in range(T):
        h = paso_rnn(x[:, :, t], h, W, b)
        H[:, :, t] = h
    return H


def normas_gradiente(H, W):
    """Normas espectrales de dh_T/dh_(T-k) para k = 0, ..., T-1.

    H (n_h, 1, T), W (n_h, n_h + n_x)  ->  normas (T,)
    """
    n_h, _, T = H.shape
    normas = np.zeros(T)
    W_h = W[:, :n_h]
    J = np.eye(n_h)
    normas[0] = 1.0
    for k in range(1, T):
        h_j = H[:, 0, T - k]
        J = J @ (np.diag(1 - h_j**2) @ W_h)
        normas[k] = np.linalg.norm(J, 2)
    return normas


def sigmoide_estable(z):
    """σ(z) = 1 / (1 + e^(-z)) sin desbordes.

    z: arreglo de cualquier forma  ->  arreglo de la misma forma, con valores en [0, 1]
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return s


def compuerta_olvido(x_t, h_prev, W_f, b_f):
    """f_t = σ(W_f·[h_prev; x_t] + b_f).

    x_t (n_x, m), h_prev (n_h, m), W_f (n_h, n_h + n_x), b_f (n_h, 1)  ->  f_t (n_h, m)
    """
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    f_t = sigmoide_estable(W_f @ concatenado + b_f)
    return f_t


def compuerta_entrada(x_t, h_prev, W_i, b_i):
    """i_t = σ(W_i·[h_prev; x_t] + b_i).

    x_t (n_x, m), h_prev (n_h, m), W_i (n_h, n_h + n_x), b_i (n_h, 1)  ->  i_t (n_h, m)
    """
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    i_t = sigmoide_estable(W_i @ concatenado + b_i)
    return i_t


def valor_candidato(x_t, h_prev, W_C, b_C):
    """C̃_t = tanh(W_C·[h_prev; x_t] + b_C).

    x_t (n_x, m), h_prev (n_h, m), W_C (n_h, n_h + n_x), b_C (n_h, 1)  ->  C_tilde (n_h, m)
    """
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    C_tilde = np.tanh(W_C @ concatenado + b_C)
    return C_tilde


def actualizar_celda(f_t, C_prev, i_t, C_tilde):
    """C_t = f_t ⊙ C_prev + i_t ⊙ C_tilde.

    f_t, C_prev, i_t, C_tilde (n_h, m)  ->  C_t (n_h, m)
    """
    C_t = f_t * C_prev + i_t * C_tilde
    return C_t


def compuerta_salida(x_t, h_prev, W_o, b_o):
    """o_t = σ(W_o·[h_prev; x_t] + b_o).

    x_t (n_x, m), h_prev (n_h, m), W_o (n_h, n_h + n_x), b_o (n_h, 1)  ->  o_t (n_h, m)
    """
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    o_t = sigmoide_estable(W_o @ concatenado + b_o)
    return o_t


def estado_oculto(o_t, C_t):
    """h_t = o_t ⊙ tanh(C_t).

    o_t (n_h, m), C_t (n_h, m)  ->  h_t (n_h, m)
    """
    h_t = o_t * np.tanh(C_t)
    return h_t


def paso_lstm(x_t, h_prev, C_prev, p):
    """Un paso completo de la LSTM.

    x_t (n_x, m), h_prev (n_h, m), C_prev (n_h, m), p: diccionario de parámetros
    ->  (h_t (n_h, m), C_t (n_h, m), cache: diccionario con f, i, C_tilde, o, ...)
    """
    f_t = compuerta_olvido(x_t, h_prev, p["W_f"], p["b_f"])
    i_t = compuerta_entrada(x_t, h_prev, p["W_i"], p["b_i"])
    C_tilde = valor_candidato(x_t, h_prev, p["W_C"], p["b_C"])
    C_t = actualizar_celda(f_t, C_prev, i_t, C_tilde)
    o_t = compuerta_salida(x_t, h_prev, p["W_o"], p["b_o"])
    h_t = estado_oculto(o_t, C_t)
    cache = {"x_t": x_t, "h_prev": h_prev, "C_prev": C_prev, "f": f_t, "i": i_t, "C_tilde": C_tilde, "o": o_t, "C_t": C_t, "h_t": h_t}
    return h_t, C_t, cache


def lstm_adelante(x, h0, C0, p):
    """Recorre la secuencia con la LSTM.

    x (n_x, m, T), h0 (n_h, m), C0 (n_h, m), p: diccionario de parámetros
    ->  (H (n_h, m, T), C (n_h, m, T), caches: lista de T diccionarios)
    """
    n_h, m = h0.shape
    T = x.shape[2]
    H = np.zeros((n_h, m, T))
    C = np.zeros((n_h, m, T))
    caches = []
    h, c = h0, C0
    for t in range(T):
        h, c, cache = paso_lstm(x[:, :, t], h, c, p)
        H[:, :, t] = h
        C[:, :, t] = c
        caches.append(cache)
    return H, C, caches


def pesos_gatos():
    """Pesos de una LSTM con n_h = 1 y n_x = 3 que recuerda si el sujeto es singular o plural.

    ->  diccionario con W_f, W_i, W_C, W_o (1, 4) y b_f, b_i, b_C, b_o (1, 1);
        columnas de cada W: [h_prev, «gato», «gatos», otra palabra]
    """
    W_f = np.array([[0.0, 0.0, 0.0, 0.0]])
    b_f = np.array([[10.0]])
    W_i = np.array([[0.0, 10.0, 10.0, -10.0]])
    b_i = np.array([[0.0]])
    W_C = np.array([[0.0, -5.0, 5.0, 0.0]])
    b_C = np.array([[0.0]])
    W_o = np.array([[0.0, 0.0, 0.0, 0.0]])
    b_o = np.array([[10.0]])
    return {"W_f": W_f, "b_f": b_f, "W_i": W_i, "b_i": b_i, "W_C": W_C, "b_C": b_C, "W_o": W_o, "b_o": b_o}


def paso_atras_lstm(dh, dC, cache, p):
    """Un paso de la LSTM hacia atrás.

    dh, dC (n_h, m); cache de paso_lstm; p con W_* (n_h, n_h + n_x) y b_* (n_h, 1)
    ->  (grads, dh_prev (n_h, m), dC_prev (n_h, m))
    """
    n_h = dh.shape[0]
    f, i, C_tilde, o = cache["f"], cache["i"], cache["C_tilde"], cache["o"]
    concatenado = np.concatenate([cache["h_prev"], cache["x_t"]], axis=0)
    grads = {}
    tanh_C = np.tanh(cache["C_t"])
    dC_total = dC + dh * o * (1 - tanh_C**2)
    da_f = dC_total * cache["C_prev"] * f * (1 - f)
    da_i = dC_total * C_tilde * i * (1 - i)
    da_C = dC_total * i * (1 - C_tilde**2)
    da_o = dh * tanh_C * o * (1 - o)
    d_concatenado = np.zeros_like(concatenado)
    for nombre, da in (("f", da_f), ("i", da_i), ("C", da_C), ("o", da_o)):
        grads["W_" + nombre] = da @ concatenado.T
        grads["b_" + nombre] = np.sum(da, axis=1, keepdims=True)
        d_concatenado = d_concatenado + p["W_" + nombre].T @ da
    dh_prev = d_concatenado[:n_h]
    dC_prev = dC_total * f
    return grads, dh_prev, dC_prev


def lstm_atras(dH, caches, p):
    """Retropropagación a través del tiempo de la LSTM.

    dH (n_h, m, T), caches (lista de T), p  ->  (grads, dh0 (n_h, m), dC0 (n_h, m))
    """
    n_h, m, T = dH.shape
    grads = {clave: np.zeros_like(valor) for clave, valor in p.items()}
    dh_siguiente = np.zeros((n_h, m))   # lo que llega a h_t desde el paso t + 1
    dC_siguiente = np.zeros((n_h, m))   # lo que llega a C_t desde el paso t + 1
    for t in reversed(range(T)):
        dh = dH[:, :, t] + dh_siguiente
        grads_t, dh_siguiente, dC_siguiente = paso_atras_lstm(dh, dC_siguiente, caches[t], p)
        for clave in grads:
            grads[clave] += grads_t[clave]
    return grads, dh_siguiente, dC_siguiente


def recortar_gradiente(gradientes, umbral):
    """Recorta por la norma global.

    gradientes: diccionario {nombre: arreglo de cualquier forma}, umbral > 0  ->  diccionario con las mismas claves y formas
    """
    norma = np.sqrt(sum(np.sum(g ** 2) for g in gradientes.values()))
    if norma > umbral:
        factor = umbral / norma
    else:
        factor = 1.0
    recortados = {nombre: g * factor for nombre, g in gradientes.items()}
    return recortados


def paso_adam(theta, g, m, v, t, tasa=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    """Un paso de Adam (t cuenta desde 1).

    theta, g, m, v: arreglos de la misma forma  ->  (theta_nuevo, m_nuevo, v_nuevo) de esa forma
    """
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_corregido = m / (1 - beta1 ** t)
    v_corregido = v / (1 - beta2 ** t)
    theta = theta - tasa * m_corregido / (np.sqrt(v_corregido) + eps)
    return theta, m, v
### END SOLUTION


# %% [markdown]
# ## 1. La tarea: decidir el verbo al final de la frase
#
# Cada frase es «[inicio] el gato / los gatos + cláusulas» y la red debe decidir, al terminar de leerla, si sigue «estaba» o «estaban». De cada palabra ve los mismos tres rasgos que en la lección 05, $x_t = [\text{¿es «gato»?};\ \text{¿es «gatos»?};\ \text{¿es otra palabra?}]$. Es una tarea **de varios a uno**: una secuencia entra y sale una sola decisión.
#
# Para entrenar con muchas frases a la vez (un lote de $m$ ejemplos, uno por columna) todas deben tener el mismo largo $T$. `lote_gatos` rellena las frases cortas **al principio** con «otra palabra», así el verbo de todas queda en el último paso; `y` vale 1 para «estaban» y 0 para «estaba».

# %%
frases_entrenamiento = frases_gatos(32, n_clausulas=1, semilla=100)
x_ent, y_ent = lote_gatos(frases_entrenamiento)
print("x:", x_ent.shape, "= (n_x, m, T)    y:", y_ent.shape, "= (1, m)")
for j in range(3):
    print(" ".join(frases_entrenamiento[j]), "___", f"(y = {y_ent[0, j]:.0f}: {verbo_correcto(frases_entrenamiento[j])})")
print()
print("Rasgos de la primera frase, ya rellenada, un renglón por rasgo", RASGOS)
print(x_ent[:, 0, :].astype(int))

# %% [markdown]
# La celda es la de siempre; sobre su último estado oculto $h_T$ ponemos una **capa de salida** con una sola neurona, como en la lección 01:
#
# $$\hat{y} = \sigma(W_y\, h_T + b_y), \qquad W_y \text{ de forma } (1, n_h),\; b_y \text{ de forma } (1, 1),$$
#
# y la pérdida es la entropía cruzada binaria **promediada** entre los $m$ ejemplos (aquí hay un solo paso con pérdida, el último):
#
# $$\mathcal{L} = -\frac{1}{m}\sum_{j=1}^{m} \left[\, y_j \log \hat{y}_j + (1 - y_j) \log (1 - \hat{y}_j) \,\right].$$
#
# La red dice «estaban» si $\hat{y} > 1/2$. En la lección 05 la decisión era el signo de $h_T$; ahora la toma la capa de salida, que también se entrena. Abajo, la celda que vas a entrenar; la capa de salida solo lee su $h_t$ en el último paso.

# %%
diagrama_lstm()

# %% [markdown]
# ### Del error de la decisión al error de cada estado oculto
#
# La retropropagación de la lección 06 (`lstm_atras`) recibe `dH` de forma `(n_h, m, T)`: el error que la pérdida manda **directamente** a cada estado oculto $h_t$. Deriva tú ese error con la regla de la cadena. Llama $z = W_y h_T + b_y$, de forma `(1, m)`.
#
# 1. Para un ejemplo, con $\hat y = \sigma(z)$ y $\sigma'(z) = \hat y(1 - \hat y)$, la derivada de $-[y\log\hat y + (1-y)\log(1-\hat y)]$ respecto a $z$ se simplifica muchísimo: escríbela y verás que el factor $\hat y(1-\hat y)$ se cancela. Con el promedio, cada ejemplo aporta además un factor $1/m$.
# 2. Con $dz = \partial\mathcal{L}/\partial z$ ya calculada, los gradientes de la capa de salida y del último estado oculto salen como en cualquier capa lineal: $dW_y$ con la forma de $W_y$, $db_y$ sumando sobre los ejemplos, y $\partial\mathcal{L}/\partial h_T$ de forma `(n_h, m)`.
# 3. ¿Qué error llega **directamente** a $h_1, \dots, h_{T-1}$? (Pista: ¿la pérdida los lee?) El error que sí les llega a través del tiempo lo calcula después tu `lstm_atras`.
#
# ### Ejercicio 1 · La pérdida y su gradiente (3 puntos)
#
# Escribe `perdida_y_gradiente(H, y, W_y, b_y)`. `H` es `(n_h, m, T)`, lo que devuelve tu `lstm_adelante`; `y` es `(1, m)` con ceros y unos. Devuelve la tupla `(perdida, dH, dW_y, db_y)`: `perdida` es un número, `dH` tiene la forma de `H`, `dW_y` la de `W_y` y `db_y` la de `b_y`. Usa tu `sigmoide_estable`.

# %% nbgrader={"grade": false, "grade_id": "perdida_y_gradiente", "locked": false, "schema_version": 3, "solution": true}
def perdida_y_gradiente(H, y, W_y, b_y):
    """Entropía cruzada de la decisión final ŷ = σ(W_y·h_T + b_y), promediada en los ejemplos, y sus gradientes.

    H (n_h, m, T), y (1, m), W_y (1, n_h), b_y (1, 1)  ->  (perdida: float, dH (n_h, m, T), dW_y (1, n_h), db_y (1, 1))
    """
    m = y.shape[1]
    dH = np.zeros_like(H)
    ### BEGIN SOLUTION
    h_T = H[:, :, -1]
    y_hat = sigmoide_estable(W_y @ h_T + b_y)
    perdida = float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))
    dz = (y_hat - y) / m
    dW_y = dz @ h_T.T
    db_y = np.sum(dz, axis=1, keepdims=True)
    dH[:, :, -1] = W_y.T @ dz
    ### END SOLUTION
    return perdida, dH, dW_y, db_y


# %% nbgrader={"grade": true, "grade_id": "perdida_y_gradiente_prueba", "locked": true, "points": 3, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Esta prueba pone una sigmoide de juguete exacta en lugar de tu sigmoide_estable: así califica solo este ejercicio.
def sigmoide_de_juguete(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


# Caso cerrado: n_h = 1, m = 2, T = 3, W_y = 2, b_y = 0. El último estado es h_T = [0.5, −1], así que z = [1, −2].
H = np.array([[[0.2, -0.3, 0.5], [0.1, 0.4, -1.0]]])
y = np.array([[1.0, 0.0]])
W_y, b_y = np.array([[2.0]]), np.array([[0.0]])
with con_referencia(globals(), sigmoide_estable=sigmoide_de_juguete):
    resultado = llamar(perdida_y_gradiente, H, y, W_y, b_y)
assert isinstance(resultado, tuple) and len(resultado) == 4, "perdida_y_gradiente debe devolver la tupla (perdida, dH, dW_y, db_y)."
perdida, dH, dW_y, db_y = resultado
y_hat = sigmoide_de_juguete([[1.0, -2.0]])
comprobar_escalar(perdida, 0.22009484928059767, "perdida", errores_comunes={
    "¿sumaste las pérdidas de los ejemplos? Aquí se promedian entre los m ejemplos.": 2 * 0.22009484928059767,
    "¿usaste el primer estado oculto? La decisión se toma con el último, h_T = H[:, :, -1].":
        -np.mean(y * np.log(sigmoide_de_juguete(2 * H[:, :, 0])) + (1 - y) * np.log(1 - sigmoide_de_juguete(2 * H[:, :, 0]))),
    "¿olvidaste el signo menos? La entropía cruzada es −[y·log ŷ + (1 − y)·log(1 − ŷ)].": -0.22009484928059767,
})
comprobar_forma(dH, (1, 2, 3), "dH", pista="dH tiene la forma de H: un error (n_h, m) por paso.")
comprobar_cercano(dH[:, :, :2], np.zeros((1, 2, 2)), "dH en los pasos 1 a T − 1", errores_comunes={
    "¿pusiste el error en todos los pasos? La pérdida solo lee h_T: dH es cero en los demás pasos, y lo que les llega a través del tiempo lo calcula lstm_atras.":
        np.repeat([[[-0.26894142], [0.11920292]]], 2, axis=2),
}, pista="La pérdida solo lee h_T: a los estados anteriores no les llega error directo.")
comprobar_cercano(dH[:, :, 2], [[-0.26894142, 0.11920292]], "dH[:, :, -1]", errores_comunes={
    "¿olvidaste multiplicar por W_yᵀ? El error en h_T es W_yᵀ·dz.": [[-0.13447071, 0.05960146]],
    "¿olvidaste dividir entre m? Con la pérdida promediada, dz = (ŷ − y) / m.": [[-0.53788284, 0.23840584]],
    "¿invertiste el signo? La derivada de la pérdida respecto a z es ŷ − y, no y − ŷ.": [[0.26894142, -0.11920292]],
    "¿multiplicaste por σ'(z) = ŷ(1 − ŷ)? Con la entropía cruzada ese factor se cancela: dz = (ŷ − y) / m.":
        2 * (y_hat - y) * y_hat * (1 - y_hat) / 2,
})
comprobar_forma(dW_y, (1, 1), "dW_y")
comprobar_cercano(dW_y, [[-0.12683682]], "dW_y", errores_comunes={
    "¿olvidaste dividir entre m? Con la pérdida promediada, dz = (ŷ − y) / m.": [[-0.25367364]],
    "¿invertiste el signo? La derivada de la pérdida respecto a z es ŷ − y, no y − ŷ.": [[0.12683682]],
})
comprobar_cercano(db_y, [[-0.07486925]], "db_y", errores_comunes={
    "¿olvidaste dividir entre m? Con la pérdida promediada, dz = (ŷ − y) / m.": [[-0.1497385]],
}, pista="db_y suma dz sobre los m ejemplos.")
# Formas con n_h = 2, m = 3, T = 2 (W_y es (1, 2)).
H = np.array([[[0.3, -0.2], [0.5, 0.1], [-0.4, 0.6]], [[0.0, 0.7], [-0.5, -0.3], [0.2, 0.9]]])
with con_referencia(globals(), sigmoide_estable=sigmoide_de_juguete):
    perdida, dH, dW_y, db_y = perdida_y_gradiente(H, np.array([[0.0, 1.0, 1.0]]), np.array([[1.0, -2.0]]), np.array([[0.5]]))
comprobar_escalar(perdida, 0.5512679471129734, "perdida con n_h = 2, m = 3")
comprobar_forma(dW_y, (1, 2), "dW_y con n_h = 2", pista="dW_y tiene la forma de W_y, (1, n_h): dz·h_Tᵀ.")
comprobar_forma(db_y, (1, 1), "db_y con m = 3", pista="db_y tiene la forma de b_y, (1, 1): np.sum(dz, axis=1, keepdims=True).")
comprobar_cercano(dW_y, [[-0.15800272, -0.11903617]], "dW_y con n_h = 2, m = 3")
comprobar_cercano(dH[:, :, -1], [[0.08324663, -0.07715841, -0.22272926], [-0.16649326, 0.15431681, 0.44545851]],
                  "dH[:, :, -1] con n_h = 2, m = 3", pista="El error en h_T es W_yᵀ·dz, de forma (n_h, m).")
print("¡Bien! perdida_y_gradiente pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm, proyecto
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide):
    for semilla in range(6):
        rng = generador(1000 + semilla)
        n_h, T = (int(v) for v in rng.integers(1, 6, size=2))
        m = 1 if semilla == 0 else int(rng.integers(2, 9))
        H = np.tanh(rng.standard_normal((n_h, m, T)))
        y = (rng.random((1, m)) < 0.5).astype(float)
        W_y, b_y = 2 * rng.standard_normal((1, n_h)), rng.standard_normal((1, 1))
        esperado = proyecto.perdida_decision(H, y, W_y, b_y)
        que = f"con n_h={n_h}, m={m}, T={T}"
        perdida, dH, dW_y, db_y = perdida_y_gradiente(H, y, W_y, b_y)
        comprobar_escalar(perdida, esperado[0], f"perdida {que}")
        comprobar_cercano(dH, esperado[1], f"dH {que}")
        comprobar_cercano(dW_y, esperado[2], f"dW_y {que}")
        comprobar_cercano(db_y, esperado[3], f"db_y {que}")
### END HIDDEN TESTS

# %% [markdown]
# Tu gradiente de la lección 06 más este `dH` ya dan el gradiente de la pérdida respecto a **todos** los parámetros. Antes de entrenar, compruébalo contra las diferencias centradas en una red pequeña (escritas aquí mismo, con la misma receta que tu `gradiente_numerico` de la lección 06). Un error relativo de $10^{-8}$ o menos dice que la cadena completa, de la decisión a cada peso de la celda, está bien.

# %%
CLAVES_LSTM = ["W_f", "b_f", "W_i", "b_i", "W_C", "b_C", "W_o", "b_o"]


def parametros_iniciales(n_x, n_h, semilla):
    # Pesos chicos al azar; sesgo de olvido cerca de 1 (lección 07); capa de salida W_y (1, n_h) y b_y (1, 1).
    rng = np.random.default_rng(semilla)
    p = {}
    for nombre in ("f", "i", "C", "o"):
        p[f"W_{nombre}"] = 0.1 * rng.standard_normal((n_h, n_h + n_x))
        p[f"b_{nombre}"] = 0.1 * rng.standard_normal((n_h, 1))
    p["b_f"] = p["b_f"] + 1.0
    p["W_y"] = 0.1 * rng.standard_normal((1, n_h))
    p["b_y"] = np.zeros((1, 1))
    return p


def perdida_de(p, x, y):
    n_h, m = p["W_f"].shape[0], x.shape[1]
    H, _, _ = lstm_adelante(x, np.zeros((n_h, m)), np.zeros((n_h, m)), p)
    return perdida_y_gradiente(H, y, p["W_y"], p["b_y"])[0]


p_chica = parametros_iniciales(3, 2, semilla=7)
for clave in p_chica:
    p_chica[clave] = 3 * p_chica[clave]   # pesos grandes: que el error viaje por todos los caminos
x_chica, y_chica = lote_gatos(frases_gatos(4, n_clausulas=1, semilla=3))
H, _, caches = lstm_adelante(x_chica, np.zeros((2, 4)), np.zeros((2, 4)), p_chica)
perdida, dH, dW_y, db_y = perdida_y_gradiente(H, y_chica, p_chica["W_y"], p_chica["b_y"])
grads, _, _ = lstm_atras(dH, caches, {k: p_chica[k] for k in CLAVES_LSTM})
grads["W_y"], grads["b_y"] = dW_y, db_y
for clave in ["W_f", "b_i", "W_C", "W_o", "W_y"]:
    numerico = np.zeros_like(p_chica[clave])
    for indice in np.ndindex(numerico.shape):
        mas, menos = {k: v.copy() for k, v in p_chica.items()}, {k: v.copy() for k, v in p_chica.items()}
        mas[clave][indice] += 1e-5
        menos[clave][indice] -= 1e-5
        numerico[indice] = (perdida_de(mas, x_chica, y_chica) - perdida_de(menos, x_chica, y_chica)) / 2e-5
    error = np.linalg.norm(grads[clave] - numerico) / (np.linalg.norm(grads[clave]) + np.linalg.norm(numerico))
    print(f"{clave}: error relativo {error:.1e}")


# %% [markdown]
# ## 2. El ciclo de entrenamiento
#
# Entrenar es repetir, `pasos` veces, sobre el lote completo:
#
# 1. **adelante**: tu `lstm_adelante` desde $h_0 = C_0 = 0$ (ceros de forma `(n_h, m)`);
# 2. **pérdida**: tu `perdida_y_gradiente`, con `p["W_y"]` y `p["b_y"]`; anota la pérdida en el historial;
# 3. **atrás**: tu `lstm_atras` con ese `dH`. Ojo: `lstm_atras` arma sus gradientes con las llaves del diccionario que recibe, y solo sabe de la celda; dale **solo los ocho parámetros de la celda** (`{k: p[k] for k in CLAVES_LSTM}`) y agrega tú a sus gradientes `"W_y"` y `"b_y"`;
# 4. **recorte**: tu `recortar_gradiente` con el `umbral`, sobre los diez gradientes juntos (una sola norma global);
# 5. **Adam**: tu `paso_adam` para cada uno de los diez parámetros, con la `tasa` que recibes. Cada parámetro lleva sus propios momentos `m` y `v`, que empiezan en ceros y pasan de una iteración a la siguiente; el contador `t` va de 1 a `pasos`.
#
# ### Ejercicio 2 · Entrenar la LSTM (4 puntos)
#
# Escribe `entrenar_lstm(x, y, p0, pasos, tasa, umbral)`. `p0` es un diccionario con los ocho parámetros de la celda más `W_y` y `b_y`, como el de `parametros_iniciales`; **no lo modifiques** (trabaja sobre una copia). Devuelve la tupla `(p, historial)`: los parámetros entrenados, con las mismas diez llaves, y la lista con la pérdida de cada iteración (calculada antes de mover los parámetros).

# %% nbgrader={"grade": false, "grade_id": "entrenar_lstm", "locked": false, "schema_version": 3, "solution": true}
def entrenar_lstm(x, y, p0, pasos, tasa, umbral):
    """Entrena la LSTM y su capa de salida con Adam y recorte del gradiente, sobre el lote completo.

    x (n_x, m, T), y (1, m), p0: diccionario con W_f, b_f, …, b_o, W_y, b_y  ->  (p: diccionario, historial: lista de pasos números)
    """
    p = {clave: valor.copy() for clave, valor in p0.items()}
    n_h, m = p["W_f"].shape[0], x.shape[1]
    historial = []
    ### BEGIN SOLUTION
    momentos = {clave: np.zeros_like(valor) for clave, valor in p.items()}
    cuadrados = {clave: np.zeros_like(valor) for clave, valor in p.items()}
    for t in range(1, pasos + 1):
        H, _, caches = lstm_adelante(x, np.zeros((n_h, m)), np.zeros((n_h, m)), p)
        perdida, dH, dW_y, db_y = perdida_y_gradiente(H, y, p["W_y"], p["b_y"])
        historial.append(perdida)
        grads, _, _ = lstm_atras(dH, caches, {clave: p[clave] for clave in CLAVES_LSTM})
        grads["W_y"], grads["b_y"] = dW_y, db_y
        grads = recortar_gradiente(grads, umbral)
        for clave in p:
            p[clave], momentos[clave], cuadrados[clave] = paso_adam(p[clave], grads[clave], momentos[clave], cuadrados[clave], t, tasa)
    ### END SOLUTION
    return p, historial


# %% nbgrader={"grade": true, "grade_id": "entrenar_lstm_prueba", "locked": true, "points": 4, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
from course.pruebas import comprobar_sin_cambios

# Esta prueba cambia tus funciones por piezas de juguete que NO son las de la LSTM y anota cómo las llamas:
# el «adelante» da H = W_f en todos los pasos; la «pérdida» vale W_f + W_y y da dH = 2, dW_y = 3, db_y = 4;
# el «atrás» da gradiente 1 a cada parámetro de la celda; el «recorte» multiplica todo por 0.5; y el «Adam»
# hace theta − tasa·g y suma 1 a m y a v. Así califica solo tu ciclo.
registro = []


def adelante_de_juguete(x, h0, C0, p):
    registro.append(("adelante", np.array(h0, dtype=float), np.array(C0, dtype=float)))
    m, T = x.shape[1], x.shape[2]
    return np.full((1, m, T), float(p["W_f"][0, 0])), np.zeros((1, m, T)), [{"t": t} for t in range(T)]


def perdida_de_juguete(H, y, W_y, b_y):
    return float(H[0, 0, -1] + W_y[0, 0]), np.full(H.shape, 2.0), np.array([[3.0]]), np.array([[4.0]])


def atras_de_juguete(dH, caches, p):
    assert sorted(p) == sorted(CLAVES_LSTM), ("lstm_atras recibió las llaves " + str(sorted(p)) + ": dale solo los ocho "
                                              "parámetros de la celda, los de CLAVES_LSTM; W_y y b_y no son de la celda.")
    registro.append(("atras", float(np.sum(dH))))
    return {k: np.ones_like(v) for k, v in p.items()}, np.zeros((1, dH.shape[1])), np.zeros((1, dH.shape[1]))


def recortar_de_juguete(gradientes, umbral):
    registro.append(("recortar", umbral, sorted(gradientes)))
    return {k: 0.5 * v for k, v in gradientes.items()}


def adam_de_juguete(theta, g, m, v, t, tasa=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    registro.append(("adam", t, float(np.sum(m)), float(np.sum(v))))
    return theta - tasa * g, m + 1, v + 1


# n_h = 1, m = 2, T = 4, todos los parámetros en cero; 3 iteraciones con tasa 0.1 y umbral 7.
TODAS = CLAVES_LSTM + ["W_y", "b_y"]
p0 = {clave: np.zeros((1, 1)) for clave in TODAS}
piezas = {"lstm_adelante": adelante_de_juguete, "perdida_y_gradiente": perdida_de_juguete, "lstm_atras": atras_de_juguete,
          "recortar_gradiente": recortar_de_juguete, "paso_adam": adam_de_juguete}
with con_referencia(globals(), **piezas):
    resultado = llamar(entrenar_lstm, np.zeros((3, 2, 4)), np.zeros((1, 2)), p0, 3, 0.1, 7.0)
for clave in TODAS:
    comprobar_sin_cambios(np.zeros((1, 1)), p0[clave], f"p0['{clave}']")
assert isinstance(resultado, tuple) and len(resultado) == 2, "entrenar_lstm debe devolver la tupla (p, historial)."
p, historial = resultado
assert isinstance(p, dict) and sorted(p) == sorted(TODAS), f"p debe tener las diez llaves {TODAS}."
adelante = [r for r in registro if r[0] == "adelante"]
assert len(adelante) == 3, f"Con pasos = 3 hay que recorrer la secuencia 3 veces; llamaste a lstm_adelante {len(adelante)} veces."
comprobar_cercano(adelante[0][1], np.zeros((1, 2)), "el h0 que recibe lstm_adelante", pista="Parte de h0 = 0 de forma (n_h, m).")
comprobar_cercano(adelante[0][2], np.zeros((1, 2)), "el C0 que recibe lstm_adelante", pista="Parte de C0 = 0 de forma (n_h, m).")
comprobar_cercano(np.array([r[1] for r in registro if r[0] == "atras"]), [16.0, 16.0, 16.0], "la suma del dH que recibe lstm_atras",
                  pista="lstm_atras recibe el dH que devuelve perdida_y_gradiente, una vez por iteración.")
recortes = [r for r in registro if r[0] == "recortar"]
assert len(recortes) == 3, (f"Hay que recortar el gradiente una vez por iteración, con los diez gradientes juntos; "
                            f"llamaste a recortar_gradiente {len(recortes)} veces.")
assert all(r[1] == 7.0 for r in recortes), "recortar_gradiente debe recibir el umbral que recibe entrenar_lstm."
assert recortes[0][2] == sorted(TODAS), ("recortar_gradiente recibió las llaves " + str(recortes[0][2]) + ": la norma global "
                                         "es de los diez gradientes juntos; agrega dW_y y db_y antes de recortar.")
pasos_adam = [r[1] for r in registro if r[0] == "adam"]
assert len(pasos_adam) == 30, f"En 3 iteraciones, paso_adam se llama una vez por parámetro (10) en cada una: 30 veces; fueron {len(pasos_adam)}."
assert pasos_adam[:10] == [1] * 10 and pasos_adam[-10:] == [3] * 10, (
    f"El contador t de Adam va de 1 a pasos (el mismo para los diez parámetros en cada iteración); tus t fueron {sorted(set(pasos_adam))}. "
    "Con t = 0 la corrección de sesgo divide entre 1 − β⁰ = 0.")
comprobar_cercano(np.array([r[2] for r in registro if r[0] == "adam"][-10:]), np.full(10, 2.0), "el m que recibe paso_adam en la tercera iteración",
                  errores_comunes={"¿reiniciaste m y v en cada iteración? Cada parámetro lleva sus momentos de una iteración a la siguiente.": np.zeros(10)},
                  pista="Guarda el m y el v que devuelve paso_adam y pásalos en la iteración siguiente.")
# A mano: el recorte deja 0.5·g y cada iteración resta 0.1·0.5·g: −0.15 en la celda, −0.45 en W_y y −0.6 en b_y.
comprobar_cercano(p["W_f"], [[-0.15]], "p['W_f']", errores_comunes={
    "¿usaste el gradiente sin recortar? Adam recibe lo que devuelve recortar_gradiente.": [[-0.3]],
    "¿usaste la tasa por omisión de paso_adam? Usa la tasa que recibe entrenar_lstm.": [[-0.0015]],
})
comprobar_cercano(p["W_y"], [[-0.45]], "p['W_y']", errores_comunes={
    "¿no moviste W_y? La capa de salida también se entrena: su gradiente es dW_y.": [[0.0]],
    "¿usaste el gradiente sin recortar? Adam recibe lo que devuelve recortar_gradiente.": [[-0.9]],
})
comprobar_cercano(p["b_y"], [[-0.6]], "p['b_y']", errores_comunes={"¿no moviste b_y? Su gradiente es db_y.": [[0.0]]})
assert isinstance(historial, list) and len(historial) == 3, "historial debe ser una lista con la pérdida de cada iteración (pasos = 3)."
comprobar_cercano(np.array(historial), [0.0, -0.2, -0.4], "historial", errores_comunes={
    "¿anotaste la pérdida después de mover los parámetros? Va la que calculaste al principio de cada iteración.": [-0.2, -0.4, -0.6],
})
print("¡Bien! entrenar_lstm pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.modelos.adam import actualizar_adam
from autograder.modelos.recorte import limitar_norma
from autograder.referencias import lstm, proyecto, retro
referencias = dict(sigmoide_estable=lstm.sigmoide, compuerta_olvido=lstm.olvido, compuerta_entrada=lstm.entrada,
                   valor_candidato=lstm.candidato, actualizar_celda=lstm.nuevo_estado, compuerta_salida=lstm.salida,
                   estado_oculto=lstm.oculto, paso_lstm=lstm.celda, lstm_adelante=lstm.recorrido, paso_atras_lstm=retro.paso_atras,
                   lstm_atras=retro.recorrido_atras, recortar_gradiente=lambda g, u: limitar_norma(g, u)[0],
                   paso_adam=actualizar_adam, perdida_y_gradiente=proyecto.perdida_decision,
                   CLAVES_LSTM=list(proyecto.CLAVES_LSTM))
with con_referencia(globals(), **referencias):
    # Unas cuantas iteraciones, comparadas con el ciclo de referencia (recorte activo con umbral chico).
    for semilla in range(3):
        rng = generador(1100 + semilla)
        n_x, n_h, T = (int(v) for v in rng.integers(1, 4, size=3))
        m = int(rng.integers(1, 5))
        p0 = lstm.parametros_aleatorios(n_x, n_h, rng)
        p0["W_y"], p0["b_y"] = rng.standard_normal((1, n_h)), rng.standard_normal((1, 1))
        copia = {k: v.copy() for k, v in p0.items()}
        x = rng.standard_normal((n_x, m, T))
        y = (rng.random((1, m)) < 0.5).astype(float)
        umbral = 0.5 if semilla < 2 else 100.0
        p, historial = entrenar_lstm(x, y, p0, 4, 0.05, umbral)
        p_ref, historial_ref = proyecto.entrenar(x, y, p0, 4, 0.05, umbral)
        que = f"con n_x={n_x}, n_h={n_h}, m={m}, T={T}, umbral={umbral}"
        for k in copia:
            comprobar_sin_cambios(copia[k], p0[k], f"p0['{k}']")
            comprobar_cercano(p[k], p_ref[k], f"p['{k}'] tras 4 iteraciones {que}")
        comprobar_cercano(np.array(historial), historial_ref, f"historial {que}")
    # Los gatos: la pérdida baja de 0.69 a menos de 0.05 y la red acierta en frases nuevas y más largas.
    x, y = lote_gatos(frases_gatos(32, n_clausulas=1, semilla=100))
    # Los mismos pesos iniciales que parametros_iniciales(3, 1, semilla=0), sin depender de esa celda.
    rng = generador(0)
    p0 = lstm.parametros_aleatorios(3, 1, rng, 0.1)
    p0["b_f"] = p0["b_f"] + 1.0
    p0["W_y"], p0["b_y"] = 0.1 * rng.standard_normal((1, 1)), np.zeros((1, 1))
    p, historial = entrenar_lstm(x, y, p0, 150, 0.05, 1.0)
    assert len(historial) == 150 and historial[-1] < 0.05 < 0.6 < historial[0], (
        f"La pérdida debía bajar de ~0.69 a menos de 0.05 en 150 iteraciones; fue de {historial[0]:.3g} a {historial[-1]:.3g}.")
    for n_clausulas, semilla in ((3, 900), (6, 950)):
        acierto = proyecto.exactitud(p, *lote_gatos(frases_gatos(50, n_clausulas=n_clausulas, semilla=semilla)))
        assert acierto >= 0.95, f"La red entrenada acierta solo {acierto:.0%} de las frases nuevas con {n_clausulas} cláusulas."
### END HIDDEN TESTS

# %% [markdown]
# ### Tu LSTM aprende
#
# Ahora sí, con **todas tus funciones**: una LSTM de una sola unidad ($n_h = 1$, como la de la lección 05) y 32 frases de una cláusula, 150 iteraciones de Adam con tasa 0.05 y umbral de recorte 1. Tarda unos segundos. (Mientras nbgrader califica o valida este cuaderno, la celda no entrena: las pruebas ocultas ya entrenaron su propia red.)

# %%
p0 = parametros_iniciales(3, 1, semilla=0)
PASOS = 0 if os.environ.get("NBGRADER_EXECUTION") else 150
p_entrenada, historial = entrenar_lstm(x_ent, y_ent, p0, PASOS, tasa=0.05, umbral=1.0)


def exactitud(p, frases):
    # Fracción de frases en las que ŷ cae del lado correcto de 1/2, con tu lstm_adelante.
    x, y = lote_gatos(frases)
    n_h, m = p["W_f"].shape[0], x.shape[1]
    H, _, _ = lstm_adelante(x, np.zeros((n_h, m)), np.zeros((n_h, m)), p)
    y_hat = sigmoide_estable(p["W_y"] @ H[:, :, -1] + p["b_y"])
    return float(np.mean((y_hat > 0.5) == (y > 0.5)))


frases_nuevas = {n: frases_gatos(50, n_clausulas=n, semilla=900 + n) for n in (1, 3, 6, 12)}
fig, eje = plt.subplots(figsize=(6, 3))
eje.plot(historial)
eje.set_xlabel("iteración")
eje.set_ylabel("pérdida (entropía cruzada)")
eje.set_title("Tu LSTM aprende la concordancia")
plt.show()
if historial:
    print(f"pérdida: {historial[0]:.3f} al empezar, {historial[-1]:.4f} al final")
for n, frases in frases_nuevas.items():
    largo = np.mean([len(f) for f in frases])
    print(f"frases nuevas con {n:2d} {'cláusula ' if n == 1 else 'cláusulas'} (unas {largo:.0f} palabras): acierta {exactitud(p_entrenada, frases):.0%}")

# %% [markdown]
# Mira la curva y las cuatro exactitudes.
#
# * ¿Cuánto vale la pérdida al empezar? ¿Por qué ese número?
# * La red solo vio frases de una cláusula. ¿Acierta en frases de 12 cláusulas, cuatro veces más largas? ¿Qué tendría que haber aprendido la compuerta de olvido para lograrlo?
# * La curva se queda casi plana un buen rato antes de caer. ¿Qué estaba pasando ahí?
#
# <details>
# <summary>Respuestas</summary>
#
# * **¿Cuánto vale la pérdida al empezar?** 0.693, que es $\ln 2$: con pesos chicos $\hat y \approx 1/2$ en todas las frases y cada una cuesta $-\log(1/2) = \ln 2$. Es la pérdida de quien responde «no sé».
# * **¿Acierta en frases de 12 cláusulas?** Sí: 100 % en frases nuevas de 1, 3, 6 y 12 cláusulas (unas 9, 21, 40 y 76 palabras), aunque solo entrenó con frases de una. Para eso la compuerta de olvido tenía que aprender a quedarse cerca de 1 en las palabras de relleno (quedó en 0.97 a 0.99), de modo que lo escrito en el sujeto no se borre por más largo que sea el relleno.
# * **¿Qué pasaba mientras la curva estaba plana?** La pérdida sigue cerca de 0.69 unas 20 iteraciones (0.663 en la 10, 0.626 en la 20) y luego cae en picada: baja de 0.3 en la iteración 32 y de 0.1 en la 50. Al principio, con pesos chicos, la celda casi no escribe en la cinta y la capa de salida casi no la lee, así que el gradiente que conecta la palabra del sujeto con la decisión es pequeño; Adam va agrandando esos pesos hasta que la señal alcanza, y entonces la red aprende de golpe.
#
# </details>

# %% [markdown]
# ## 3. Lo que aprendió contra lo que tú diseñaste
#
# Pon lado a lado los pesos de tu `pesos_gatos` (lección 05) y los que aprendió tu red. Cada renglón es una red interna; las columnas son las de $W$, en el orden $[h_{t-1};\ \text{gato};\ \text{gatos};\ \text{otra}]$, y el sesgo.

# %%
p_mano = pesos_gatos()
print(f"{'':8}{'h_prev':>8}{'gato':>8}{'gatos':>8}{'otra':>8}{'b':>8}")
for nombre, etiqueta in (("f", "olvido"), ("i", "entrada"), ("C", "cand."), ("o", "salida")):
    for fuente, p in (("mano", p_mano), ("apr.", p_entrenada)):
        valores = list(np.ravel(p[f"W_{nombre}"])) + list(np.ravel(p[f"b_{nombre}"]))
        print(f"{etiqueta if fuente == 'mano' else '':8}" + "".join(f"{v:8.2f}" for v in valores) + f"   ({fuente})")
print(f"capa de salida aprendida: W_y = {p_entrenada['W_y'][0, 0]:.2f}, b_y = {p_entrenada['b_y'][0, 0]:.2f}")

# %% [markdown]
# Los números solos dicen poco; lo que importa es **qué hacen las compuertas** al leer una frase. La gráfica sigue a las dos redes por la misma frase nueva: arriba tu red hecha a mano, abajo la entrenada.

# %%
frase = frases_gatos(1, n_clausulas=3, semilla=31)[0]
fig, ejes = plt.subplots(2, 1, figsize=(11, 5.5), sharex=True)
for eje, (titulo, p) in zip(ejes, (("hecha a mano (lección 05)", p_mano), ("entrenada con tus funciones", p_entrenada))):
    x = lote_gatos([frase])[0]
    _, C, caches = lstm_adelante(x, np.zeros((1, 1)), np.zeros((1, 1)), p)
    for clave, etiqueta in (("f", "olvido f"), ("i", "entrada i"), ("o", "salida o")):
        eje.plot([cache[clave][0, 0] for cache in caches], marker=".", label=etiqueta)
    eje.set_ylim(-0.05, 1.05)
    eje.set_ylabel("compuertas")
    cinta = eje.twinx()   # la cinta en su propia escala, a la derecha
    cinta.plot(C[0, 0], color="black", linewidth=2, label="cinta C (eje derecho)")
    cinta.axhline(0, color="gray", linewidth=0.5)
    cinta.set_ylabel("cinta C")
    eje.set_title(titulo)
    lineas = eje.get_lines() + cinta.get_lines()[:1]
    eje.legend(lineas, [l.get_label() for l in lineas], loc=6, bbox_to_anchor=(1.08, 0.5))   # 6: a la izquierda, centrada
ejes[1].set_xticks(range(len(frase)))
ejes[1].set_xticklabels(frase, rotation=70)
plt.tight_layout()
plt.show()
print(" ".join(frase), "___", f"(correcto: {verbo_correcto(frase)})")

# %% [markdown]
# Compara las dos redes.
#
# * ¿En qué palabra se abre la compuerta de entrada de cada red? ¿Y la de olvido: se queda cerca de 1 en el relleno?
# * ¿La cinta de la red entrenada guarda el plural con el mismo signo que la tuya? Si no, ¿cómo acierta?
# * ¿Qué compuerta casi no se mueve en ninguna de las dos redes? ¿Por qué esta tarea no la necesita?
#
# <details>
# <summary>Respuestas</summary>
#
# * **¿En qué palabra se abre la compuerta de entrada? ¿Y la de olvido?** En tu red hecha a mano, la de entrada vale 1.000 en «gatos» y 0.000 en todas las demás palabras, y la de olvido vale 1.000 siempre: escribe una vez y guarda. La entrenada encontró otra solución: su compuerta de entrada nunca se cierra (0.81 antes del sujeto, 0.97 en «gatos», 0.85 en el relleno) y su olvido queda entre 0.97 y 0.99. No se equivoca porque su valor candidato depende de $h_{t-1}$ (peso 1.18 en la primera columna de $W_C$): antes del sujeto $h = 0$ y el candidato vale 0, así que no escribe nada; después de «gatos» cada palabra de relleno vuelve a escribir $\tilde C \approx -0.83$, con el signo que ya tenía la cinta. En vez de «escribir una vez y guardar», «escribir y repetir»: la cinta llega a $-12.1$ al final de esta frase.
# * **¿Guarda el plural con el mismo signo?** No. Tu red guarda el plural como $C = +1$; la entrenada, como un número negativo ($-0.95$ justo después de «gatos»). Acierta porque su capa de salida aprendió $W_y = -4.15$: con $h_T \approx -0.995$, $\hat y = \sigma(-4.15 \cdot (-0.995) + 0.27) \approx 0.99$, es decir, «estaban». El signo con que se guarda el número es una convención, y el entrenamiento eligió la contraria a la tuya.
# * **¿Qué compuerta casi no se mueve?** La de salida: en tu red vale 1.000 en todas las palabras y en la entrenada, entre 0.99 y 0.995. En esta tarea nadie necesita esconder la cinta: la decisión se toma al final y basta con mostrarla siempre.
#
# </details>

# %% [markdown]
# ## 4. ¿Por qué no se desvanece? La medición, con tus funciones
#
# En la lección 01 mediste con tu `normas_gradiente` cómo se encoge $\lVert\partial h_T/\partial h_{T-k}\rVert$ en la RNN: cada paso atrás multiplica por $\operatorname{diag}(1-h_j^2)\,W_h$. En la lección 06 viste que por la **cinta** de la LSTM cada paso atrás multiplica solo por la compuerta de olvido:
#
# $$\frac{\partial C_T}{\partial C_{T-k}}\bigg|_{\text{cinta}} = \operatorname{diag}(f_T)\operatorname{diag}(f_{T-1})\cdots\operatorname{diag}(f_{T-k+1}) = \operatorname{diag}\!\left(f_T \odot f_{T-1} \odot \cdots \odot f_{T-k+1}\right).$$
#
# La norma espectral de una matriz diagonal es el mayor valor absoluto de su diagonal.
#
# ### Ejercicio 3 · Normas por la cinta (2 puntos)
#
# Escribe `normas_estado_celda(caches)` para **un solo ejemplo** ($m = 1$): `caches` es la lista de $T$ cachés que devuelve tu `lstm_adelante`, con `caches[t - 1]["f"]` $= f_t$ de forma `(n_h, 1)`. Devuelve `normas` de forma `(T,)` con `normas[k]` $= \lVert\partial C_T/\partial C_{T-k}\rVert_2$ por la cinta, $k = 0, \dots, T-1$ (a distancia 0 es la identidad: `normas[0] = 1`).

# %% nbgrader={"grade": false, "grade_id": "normas_estado_celda", "locked": false, "schema_version": 3, "solution": true}
def normas_estado_celda(caches):
    """Normas espectrales de ∂C_T/∂C_(T-k) por el camino de la cinta, para k = 0, ..., T-1 (un ejemplo).

    caches: lista de T diccionarios con "f" (n_h, 1)  ->  normas (T,)
    """
    T = len(caches)
    normas = np.zeros(T)
    ### BEGIN SOLUTION
    normas[0] = 1.0
    producto = np.ones(caches[-1]["f"].shape[0])
    for k in range(1, T):
        producto = producto * caches[T - k]["f"][:, 0]
        normas[k] = np.max(np.abs(producto))
    ### END SOLUTION
    return normas


# %% nbgrader={"grade": true, "grade_id": "normas_estado_celda_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# n_h = 2, T = 4, con f_1 = [0.5, 0.2], f_2 = [0.9, 0.5], f_3 = [0.8, 1.0], f_4 = [1.0, 0.6]:
# k = 1: diag(f_4) → 1.0;  k = 2: f_4 ⊙ f_3 = [0.8, 0.6] → 0.8;  k = 3: f_4 ⊙ f_3 ⊙ f_2 = [0.72, 0.3] → 0.72.
compuertas = [[0.5, 0.2], [0.9, 0.5], [0.8, 1.0], [1.0, 0.6]]
caches = [{"f": np.array(f).reshape(2, 1)} for f in compuertas]
normas = llamar(normas_estado_celda, caches)
comprobar_forma(normas, (4,), "normas", pista="Una norma por distancia k = 0, ..., T − 1.")
comprobar_cercano(normas, [1.0, 1.0, 0.8, 0.72], "normas", errores_comunes={
    "¿te corriste un paso? ∂C_T/∂C_(T−1) = diag(f_T), y f_T está en caches[T − 1].": [1.0, 1.0, 0.72, 0.36],
    "¿multiplicaste desde el principio de la frase? Se empieza por el final: f_T, luego f_(T−1)…": [1.0, 0.5, 0.45, 0.36],
    "¿usaste la norma de Frobenius (np.linalg.norm del vector)? La espectral de una diagonal es su mayor valor absoluto.":
        [1.0, np.sqrt(1.36), 1.0, np.sqrt(0.72**2 + 0.09)],
    "¿promediaste las unidades? La norma espectral de una diagonal es su mayor valor absoluto, no el promedio.": [1.0, 0.8, 0.7, 0.51],
    "¿tomaste el menor valor? La norma espectral de una diagonal es su mayor valor absoluto.": [1.0, 0.6, 0.6, 0.3],
})
print("¡Bien! normas_estado_celda pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm, proyecto
for semilla in range(5):
    rng = generador(1200 + semilla)
    n_h, T = int(rng.integers(1, 5)), int(rng.integers(1, 12))
    caches = [{"f": rng.uniform(0.0, 1.0, size=(n_h, 1))} for _ in range(T)]
    comprobar_cercano(normas_estado_celda(caches), proyecto.normas_cinta(caches), f"normas con n_h={n_h}, T={T}")
# Las cachés de un recorrido de verdad.
rng = generador(1210)
p = lstm.parametros_aleatorios(3, 2, rng)
_, _, caches = lstm.recorrido(rng.standard_normal((3, 1, 9)), np.zeros((2, 1)), np.zeros((2, 1)), p)
comprobar_cercano(normas_estado_celda(caches), proyecto.normas_cinta(caches), "normas de un recorrido con n_h=2, T=9")
### END HIDDEN TESTS

# %% [markdown]
# Ahora la comparación que faltaba: en la misma frase larga (12 cláusulas, unas 65 palabras), tu `normas_estado_celda` sobre tu LSTM entrenada y sobre tu red hecha a mano, contra tu `normas_gradiente` de la lección 01 sobre una RNN **del mismo tamaño** ($n_h = 1$, $n_x = 3$), con tres pesos recurrentes $w_h$ distintos.

# %%
frase_larga = frases_gatos(1, n_clausulas=12, semilla=44)[0]
x_larga = lote_gatos([frase_larga])[0]
T_larga = x_larga.shape[2]
fig, eje = plt.subplots(figsize=(8, 4))
for etiqueta, p, estilo in (("LSTM entrenada (cinta)", p_entrenada, "-"), ("LSTM hecha a mano (cinta)", p_mano, "--")):
    _, _, caches = lstm_adelante(x_larga, np.zeros((1, 1)), np.zeros((1, 1)), p)
    normas_lstm = normas_estado_celda(caches)
    eje.semilogy(normas_lstm, estilo, linewidth=2, label=etiqueta)
    print(f"{etiqueta}: a distancia {T_larga - 1} queda {normas_lstm[-1]:.2g}")
for w_h in (0.5, 1.0, 2.0):
    W_rnn = np.array([[w_h, 1.0, -1.0, 0.3]])   # columnas [h_prev, gato, gatos, otra]
    H_rnn = rnn_adelante(x_larga, np.zeros((1, 1)), W_rnn, np.zeros((1, 1)))
    normas_rnn = normas_gradiente(H_rnn, W_rnn)
    eje.semilogy(normas_rnn, ":", label=f"RNN, w_h = {w_h}")
    print(f"RNN con w_h = {w_h}: a distancia 10 queda {normas_rnn[10]:.2g}")
eje.axhline(1e-2, color="red", linewidth=0.5)
eje.set_xlabel("distancia k")
eje.set_ylabel("norma del jacobiano")
eje.set_ylim(1e-30, 10)
eje.set_title(f"‖∂C_T/∂C_(T−k)‖ de tus LSTM contra ‖∂h_T/∂h_(T−k)‖ de tu RNN ({T_larga} palabras)")
eje.legend(loc=3)   # 3: abajo a la izquierda
plt.show()

# %% [markdown]
# Lee la gráfica.
#
# * ¿A qué distancia cruza cada RNN la línea roja de $10^{-2}$? ¿Y las LSTM?
# * ¿Por qué subir $w_h$ de 0.5 a 2 no salva a la RNN?
# * La cinta de la LSTM entrenada no llega intacta hasta el principio de la frase. ¿Importa para esta tarea? ¿Dónde está la palabra que la red necesita recordar?
#
# <details>
# <summary>Respuestas</summary>
#
# * **¿A qué distancia cruza cada curva la línea de $10^{-2}$?** Las tres RNN la cruzan a distancia 5: cada paso atrás multiplica por un factor de 0.35 a 0.37, y a distancia 10 ya quedan entre $3 \times 10^{-5}$ y $5 \times 10^{-5}$. Las LSTM nunca la cruzan: por la cinta de tu red hecha a mano llega 0.997 a distancia 73, y por la de la red entrenada, 0.40 (su olvido vale 0.988 en el relleno, y $0.988^{73} \approx 0.41$).
# * **¿Por qué subir $w_h$ no salva a la RNN?** El factor de cada paso es $w_h(1 - h^2)$. Con $w_h$ más grande el estado se satura ($|h| \approx 0.91$ con $w_h = 2$, contra 0.50 con $w_h = 0.5$), la derivada $1 - h^2$ se hace chica y compensa: los factores quedan en 0.37, 0.36 y 0.35. La $\tanh$ se come lo que gana $W_h$.
# * **¿Importa que la cinta entrenada no llegue intacta?** No. El sujeto es la segunda palabra de esta frase, a distancia 72 del final, y hasta ahí llega 0.40 del error: de sobra para aprender. La red no necesitaba conservar el gradiente sin pérdida, sino que no se desvaneciera exponencialmente antes de alcanzar al sujeto, y eso lo logra con un olvido de 0.988.
#
# </details>

# %% [markdown]
# ## Resumen
#
# * En una tarea de varios a uno con sigmoide y entropía cruzada, el error de la decisión es $dz = (\hat y - y)/m$: el factor $\sigma'$ se cancela. Solo $h_T$ recibe error directo, $W_y^\top dz$; a los pasos anteriores se lo lleva la retropropagación a través del tiempo.
# * Entrenar es repetir adelante, pérdida, atrás, recorte por la norma global y Adam, con los momentos de cada parámetro guardados entre iteraciones y $t$ desde 1.
# * Con tus propias funciones, una LSTM de una unidad aprendió la concordancia con frases de una cláusula y acertó en frases nuevas mucho más largas: su compuerta de olvido aprendió a guardar durante el relleno, como la que tú diseñaste, aunque con otro signo y otras escalas.
# * Por la cinta, $\lVert\partial C_T/\partial C_{T-k}\rVert$ es un producto de compuertas de olvido: con $f \approx 1$ baja muy despacio, mientras que en la RNN cada paso multiplica por $\operatorname{diag}(1-h_j^2)\,W_h$ y se desvanece en unas cuantas palabras, con $w_h$ chico o grande.
#
# Con esto cierras el curso: escribiste cada ecuación de la LSTM, su retropropagación y su entrenamiento, y la viste aprender.

# %% [markdown]
# ## Cuestionario
#
# Cuatro preguntas sobre lo que hiciste en el proyecto. En cada celda escribe entre comillas la letra de tu respuesta; la prueba visible solo revisa que sea una de las opciones. Al calificar se revisa cuál elegiste y la retroalimentación te explica por qué es o no es la correcta.

# %% [markdown]
# **Pregunta 1.** En la tarea de concordancia, `perdida_y_gradiente` devuelve un `dH` que es cero en todos los pasos menos el último. ¿Por qué?
#
# * (a) Porque el gradiente se desvanece antes de llegar a los pasos anteriores.
# * (b) Porque la pérdida solo lee $h_T$: los estados anteriores no reciben error directo, y el que les llega a través del tiempo lo calcula `lstm_atras`.
# * (c) Porque las palabras anteriores no influyen en la decisión del verbo.
# * (d) Porque así se ahorra memoria; con el error en todos los pasos el gradiente sería el mismo.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_10_p1", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_1 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_10_p1_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_1, 1, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("10_proyecto_final", 1, respuesta_1)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 2.** La red entrenada acierta, pero su cinta guarda el plural con el signo contrario al de tu `pesos_gatos`. ¿Qué lo explica?
#
# * (a) Es un error del entrenamiento: con más iteraciones el signo se corregiría.
# * (b) La compuerta de salida invierte el signo de la cinta antes de llegar a $h_T$.
# * (c) La capa de salida aprendió un $W_y$ negativo: la decisión depende del signo de $W_y h_T + b_y$, y qué signo guarda la cinta es una convención que elige el entrenamiento.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_10_p2", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_2 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_10_p2_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_2, 2, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("10_proyecto_final", 2, respuesta_2)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 3.** En tu última gráfica, la norma por la cinta de la LSTM baja mucho más despacio que la de cualquiera de las RNN. ¿Qué lo explica?
#
# * (a) Cada paso atrás por la cinta multiplica solo por $\operatorname{diag}(f_t)$, sin $W_h$ ni derivada de $\tanh$; con $f \approx 1$ en el relleno, el producto casi no baja.
# * (b) Adam y el recorte del gradiente evitan que el gradiente se desvanezca a lo largo del tiempo.
# * (c) La LSTM tiene cuatro veces más parámetros, y más parámetros conservan más gradiente.
# * (d) La $\tanh$ de la LSTM se satura, y entonces su derivada vale 1.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_10_p3", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_3 = "a"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_10_p3_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_3, 3, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("10_proyecto_final", 3, respuesta_3)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 4.** La pérdida de entrenamiento bajó casi a cero. ¿Por qué la calificación mide además la exactitud en frases nuevas y más largas?
#
# * (a) Porque una pérdida baja en 32 frases puede venir de acomodarse a esas frases; solo frases que la red no vio, y más largas, muestran que aprendió a guardar el sujeto en la cinta durante todo el relleno.
# * (b) Porque con frases más largas la pérdida siempre es más baja, y así la prueba es más fácil de pasar.
# * (c) Porque la pérdida de entrenamiento no se puede calcular con exactitud en numpy.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_10_p4", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_4 = "a"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_10_p4_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_4, 4, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("10_proyecto_final", 4, respuesta_4)
### END HIDDEN TESTS
