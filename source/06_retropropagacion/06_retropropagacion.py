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
# # Lección 06 · Retropropagación a través del tiempo en la LSTM
#
# En la lección 01 mediste cómo se desvanece el gradiente de una RNN simple. Ahora vas a calcular **a mano** (con numpy) el gradiente de una LSTM, paso por paso y a lo largo de toda la secuencia, y vas a ver por qué su estado de la celda deja pasar el error cuando la RNN no puede.
#
# **Al terminar podrás:**
#
# 1. comprobar cualquier gradiente con **diferencias centradas** (y desconfiar de un gradiente que no las pase);
# 2. escribir la retropropagación de **un paso** de la LSTM: los gradientes de cada $W$ y $b$, y los de $h_{t-1}$ y $C_{t-1}$;
# 3. encadenar esos pasos en la **retropropagación a través del tiempo**, sumando los gradientes de todos los pasos;
# 4. explicar el **carrusel de error constante**: por qué el camino del estado de la celda, cuya derivada local es $f_t$, conserva el error.
#
# **Cómo trabajar.** Igual que en las lecciones anteriores: ejecuta las celdas en orden, borra `raise NotImplementedError()` donde diga `# TU CÓDIGO AQUÍ` y escribe tu solución. La celda que sigue a cada ejercicio lo revisa; al calificar se agregan pruebas ocultas con datos aleatorios.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import numpy as np
import matplotlib.pyplot as plt

from course.diagramas import diagrama_lstm
from course.paneles import panel_carrusel
from course.pruebas import comprobar_cercano, comprobar_forma, con_referencia, generador


# %% [markdown]
# ### Tus funciones de lecciones anteriores
#
# Esta lección usa funciones que escribiste antes. El curso no las trae resueltas: **copia en la celda siguiente tus propias soluciones** de las lecciones 02 a 05 (`sigmoide_estable`, `compuerta_olvido`, `compuerta_entrada`, `valor_candidato`, `actualizar_celda`, `compuerta_salida`, `estado_oculto`, `paso_lstm`, `lstm_adelante`) y ejecútala. Las pruebas que califican esta lección usan sus propias versiones, así que un error ahí no te cuesta puntos aquí; las pruebas visibles que las usan te lo avisan. Tu `paso_lstm` debe guardar en `cache` también `"C_t"` y `"h_t"`: la retropropagación los necesita.

# %% nbgrader={"grade": false, "grade_id": "previas", "locked": false, "schema_version": 3, "solution": true}
# Copia aquí tus funciones de las lecciones 02 a 05: sigmoide_estable, compuerta_olvido, compuerta_entrada, valor_candidato, actualizar_celda, compuerta_salida, estado_oculto, paso_lstm, lstm_adelante.
### BEGIN SOLUTION
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
### END SOLUTION


# %% [markdown]
# ## 1. El problema: un error que viaja por una multiplicación repetida
#
# En la RNN simple, $h_t = \tanh(W_h h_{t-1} + W_x x_t + b)$. Si $\delta_t = \partial \mathcal{L} / \partial h_t$ es el error que llega al estado oculto del paso $t$, la regla de la cadena lo lleva un paso atrás así:
#
# $$\delta_{t-1} = W_h^{\top}\left[(1 - h_t^2) \odot \delta_t\right] .$$
#
# Tras $k$ pasos, el error quedó multiplicado $k$ veces por $W_h^\top$ y por derivadas de $\tanh$ (que nunca pasan de 1). Si esos factores son menores que 1, el error **se desvanece** exponencialmente; si son mayores, **explota**. Hochreiter y Schmidhuber (1997) lo plantearon justo así: con la retropropagación a través del tiempo, las señales de error que viajan hacia atrás tienden a explotar o a desvanecerse. Su propuesta fue garantizar un **flujo constante de error** a través de unas unidades especiales.
#
# ## 2. La solución: el carrusel de error constante
#
# En la LSTM, el estado de la celda se actualiza **sumando**:
#
# $$C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t .$$
#
# Por el camino directo de $C_{t-1}$ a $C_t$ no hay matriz de pesos ni $\tanh$: la derivada local es simplemente
#
# $$\frac{\partial C_t}{\partial C_{t-1}} = \operatorname{diag}(f_t) \quad\text{(por ese camino)},$$
#
# así que el error que baja por el estado de la celda se multiplica en cada paso por la compuerta de olvido. Con $f_t \approx 1$ llega casi intacto desde muy lejos. En la LSTM original de 1997 no había compuerta de olvido: la celda se conectaba consigo misma con peso fijo 1.0, y a ese lazo le llamaron **carrusel de error constante** (*constant error carousel*). La compuerta de olvido llegó después (Gers, Schmidhuber y Cummins, 2000) para que la red pueda **decidir** cuándo borrar.
#
# Un matiz del artículo de 1997: el flujo es exactamente constante porque Hochreiter y Schmidhuber **truncaban** el gradiente. El error que salía de la celda hacia las compuertas y hacia $h_{t-1}$ no se seguía propagando hacia atrás: solo el carrusel llevaba error al pasado. Con la retropropagación completa, la que escribes en esta lección, también viaja error por esos otros caminos, y puede sumar o restar; lo verás en el panel de la sección 6.
#
# ### Ejercicio 1 · El error por el carrusel (2 puntos)
#
# Supón que la pérdida solo depende del último estado de la celda y que conoces $dC_T = \partial\mathcal{L}/\partial C_T$. Escribe `error_carrusel(dC_T, F)` que calcule el error que llega a cada estado anterior **solo por el camino del estado de la celda**:
#
# $$D_k = dC_T \odot f_T \odot f_{T-1} \odot \cdots \odot f_{T-k+1}, \qquad k = 0, 1, \dots, T-1 ,$$
#
# es decir, $D_k$ es el error en $C_{T-k}$, a distancia $k$ del final. `dC_T` tiene forma `(n_h, m)`; `F` tiene forma `(n_h, m, T)` con la compuerta de olvido de cada paso, `F[:, :, t - 1]` $= f_t$ (como en la lección 01, el paso $t$ está en la posición $t-1$). Devuelve `D` de forma `(n_h, m, T)` con `D[:, :, k]` $= D_k$. Para pasar de $C_t$ a $C_{t-1}$ se multiplica por $f_t$, la compuerta **del paso $t$**.

# %% nbgrader={"grade": false, "grade_id": "error_carrusel", "locked": false, "schema_version": 3, "solution": true}
def error_carrusel(dC_T, F):
    """Error en C_(T-k) por el camino del estado de la celda, para k = 0, ..., T-1.

    dC_T (n_h, m), F (n_h, m, T) con F[:, :, t-1] = f_t  ->  D (n_h, m, T)
    """
    T = F.shape[2]
    D = np.zeros(F.shape)
    ### BEGIN SOLUTION
    D[:, :, 0] = dC_T
    for k in range(1, T):
        D[:, :, k] = D[:, :, k - 1] * F[:, :, T - k]
    ### END SOLUTION
    return D


# %% nbgrader={"grade": true, "grade_id": "error_carrusel_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# n_h = m = 1, T = 3, compuertas f_1 = 0.5, f_2 = 0.8, f_3 = 0.9 y dC_T = 2:
# D_0 = 2, D_1 = 2·f_3 = 1.8, D_2 = 1.8·f_2 = 1.44 (f_1 no interviene: C_0 no está en D).
F = np.array([0.5, 0.8, 0.9]).reshape(1, 1, 3)
D = error_carrusel(np.array([[2.0]]), F)
comprobar_forma(D, (1, 1, 3), "D", pista="D tiene un error (n_h, m) por cada distancia k = 0, ..., T-1.")
comprobar_cercano(D, np.array([2.0, 1.8, 1.44]).reshape(1, 1, 3), "D", errores_comunes={
    "¿multiplicaste por la compuerta equivocada? Para pasar de C_t a C_(t-1) se multiplica por f_t, que está en F[:, :, t - 1].": np.array([2.0, 1.6, 0.8]).reshape(1, 1, 3),
    "¿sumaste las compuertas? El error se multiplica por f_t en cada paso.": np.array([2.0, 2.9, 3.7]).reshape(1, 1, 3),
    "¿empezaste con unos? La distancia 0 es el dC_T que recibe la función.": np.array([1.0, 0.9, 0.72]).reshape(1, 1, 3),
})
print("¡Bien! error_carrusel pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm, retro
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide, compuerta_olvido=lstm.olvido, compuerta_entrada=lstm.entrada, valor_candidato=lstm.candidato, actualizar_celda=lstm.nuevo_estado, compuerta_salida=lstm.salida, estado_oculto=lstm.oculto, paso_lstm=lstm.celda, lstm_adelante=lstm.recorrido):
    for semilla in range(5):
        rng = generador(55 + semilla)
        n_h, T = (int(v) for v in rng.integers(1, 8, size=2))
        m = 1 if semilla == 0 else int(rng.integers(2, 5))
        F = rng.uniform(0.0, 1.0, size=(n_h, m, T))
        dC_T = rng.standard_normal((n_h, m))
        comprobar_cercano(error_carrusel(dC_T, F), retro.carrusel(dC_T, F), f"D con n_h={n_h}, m={m}, T={T}")
### END HIDDEN TESTS

# %%
# Con la compuerta de olvido en 0.99, ¿cuánto error queda a 100 pasos? ¿Y en 0.9?
for f in [0.9, 0.99, 1.0]:
    D = error_carrusel(np.ones((1, 1)), np.full((1, 1, 101), f))
    print(f"f = {f}: a distancia 100 llega {D[0, 0, 100]:.2e} del error")


# %% [markdown]
# Antes de calcular gradientes completos a mano necesitamos una forma de saber si están bien.
#
# ## 3. Comprobar gradientes con diferencias centradas
#
# Para una función $\mathcal{L}$ que recibe un arreglo y devuelve un número, cada entrada del gradiente se puede aproximar moviendo **solo esa entrada** un poquito hacia arriba y hacia abajo:
#
# $$\frac{\partial \mathcal{L}}{\partial x_j} \approx \frac{\mathcal{L}(x + \varepsilon e_j) - \mathcal{L}(x - \varepsilon e_j)}{2\varepsilon} ,$$
#
# donde $e_j$ vale 1 en la entrada $j$ y 0 en las demás. Esta diferencia **centrada** tiene un error del orden de $\varepsilon^2$; la diferencia hacia adelante, $(\mathcal{L}(x + \varepsilon e_j) - \mathcal{L}(x))/\varepsilon$, solo del orden de $\varepsilon$. Con $\varepsilon = 10^{-5}$ eso es la diferencia entre un error de $10^{-10}$ y uno de $10^{-5}$.
#
# ### Ejercicio 2 · El gradiente numérico (2 puntos)
#
# Escribe `gradiente_numerico(objetivo, x, eps=1e-5)`, donde `objetivo` es una función que recibe un arreglo y devuelve un número, que devuelva un arreglo de la forma de `x` con la aproximación centrada de cada entrada.
#
# * `np.ndindex(x.shape)` recorre todas las posiciones de un arreglo de cualquier forma: `for indice in np.ndindex(x.shape): ...` y luego `x[indice]`.
# * Después de evaluar `objetivo` con la entrada movida, **devuélvela a su valor original** antes de pasar a la siguiente.
# * Usa el `eps` que recibes.

# %% nbgrader={"grade": false, "grade_id": "gradiente_numerico", "locked": false, "schema_version": 3, "solution": true}
def gradiente_numerico(objetivo, x, eps=1e-5):
    """Gradiente de la función objetivo (arreglo -> número) en x por diferencias centradas.

    x (cualquier forma)  ->  grad (misma forma que x)
    """
    x = np.array(x, dtype=float)   # copia: no tocamos el arreglo de quien llama
    grad = np.zeros_like(x)
    ### BEGIN SOLUTION
    for indice in np.ndindex(x.shape):
        original = x[indice]
        x[indice] = original + eps
        mas = objetivo(x)
        x[indice] = original - eps
        menos = objetivo(x)
        x[indice] = original
        grad[indice] = (mas - menos) / (2 * eps)
    ### END SOLUTION
    return grad


# %% nbgrader={"grade": true, "grade_id": "gradiente_numerico_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# L(x) = Σ x²: el gradiente exacto es 2x, y la diferencia centrada lo da sin error.
x = np.array([[1.0, -2.0], [0.5, 3.0]])
grad = gradiente_numerico(lambda v: np.sum(v**2), x)
comprobar_forma(grad, (2, 2), "el gradiente", pista="Debe tener la misma forma que x.")
comprobar_cercano(grad, [[2.0, -4.0], [1.0, 6.0]], "el gradiente de Σ x²", errores_comunes={
    "¿usaste diferencias hacia adelante? La centrada resta L(x − ε) y divide entre 2ε.": [[2.00001, -3.99999], [1.00001, 6.00001]],
    "¿dividiste entre ε en lugar de 2ε?": [[4.0, -8.0], [2.0, 12.0]],
})
# L(x) = (Σ x)²: cada entrada influye en todas, así que hay que devolver x[indice] a su valor.
grad = gradiente_numerico(lambda v: np.sum(v) ** 2, np.array([1.0, 2.0, 3.0]))
comprobar_cercano(grad, [12.0, 12.0, 12.0], "el gradiente de (Σ x)²", errores_comunes={
    "¿devolviste cada entrada a su valor original? Tu resultado corresponde a dejar x[indice] movida −ε.": [12.0, 11.99998, 11.99996],
})
print("¡Bien! gradiente_numerico pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm, retro
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide, compuerta_olvido=lstm.olvido, compuerta_entrada=lstm.entrada, valor_candidato=lstm.candidato, actualizar_celda=lstm.nuevo_estado, compuerta_salida=lstm.salida, estado_oculto=lstm.oculto, paso_lstm=lstm.celda, lstm_adelante=lstm.recorrido):
    for semilla in range(4):
        rng = generador(60 + semilla)
        n, k = (int(v) for v in rng.integers(1, 5, size=2))
        M = rng.standard_normal((k, n))
        x = rng.standard_normal((n, 1 if semilla == 0 else 3))
        # L = Σ tanh(M·x): gradiente exacto Mᵀ(1 − tanh²(M·x)).
        exacto = M.T @ (1 - np.tanh(M @ x) ** 2)
        comprobar_cercano(gradiente_numerico(lambda v: np.sum(np.tanh(M @ v)), x), exacto, f"el gradiente de Σ tanh(M·x) con forma {x.shape}")
    # El arreglo de quien llama no cambia.
    x = generador(65).standard_normal((2, 3))
    copia = x.copy()
    gradiente_numerico(lambda v: float(np.sum(v**3)), x)
    comprobar_cercano(x, copia, "x después de llamar a gradiente_numerico")
    # Se usa el eps recibido: con ε = 10⁻³, la centrada de Σ x³ da 3x² + ε².
    x = generador(66).standard_normal((3,))
    comprobar_cercano(gradiente_numerico(lambda v: np.sum(v**3), x, eps=1e-3), retro.diferencias_centradas(lambda v: np.sum(v**3), x, eps=1e-3), "el gradiente con eps=1e-3", rtol=1e-9, atol=1e-12)
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Un paso de la LSTM hacia atrás
#
# Recuerda el paso hacia adelante, con $[h_{t-1}; x_t]$ la concatenación (primero $h$):
#
# $$f_t = \sigma(a_f),\; i_t = \sigma(a_i),\; \tilde{C}_t = \tanh(a_C),\; o_t = \sigma(a_o), \qquad a_k = W_k\,[h_{t-1}; x_t] + b_k$$
# $$C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t, \qquad h_t = o_t \odot \tanh(C_t) .$$
#
# Tu `paso_lstm` de la lección 05 devuelve `(h_t, C_t, cache)`; aquí `cache` debe guardar todo lo que hace falta para regresar: `x_t, h_prev, C_prev, f, i, C_tilde, o, C_t, h_t`.
#
# Hacia atrás recibimos dos errores: `dh` $= \partial\mathcal{L}/\partial h_t$ y `dC` $= \partial\mathcal{L}/\partial C_t$, este último **solo lo que llega del futuro** (del paso $t+1$). Escribimos $dX$ para $\partial\mathcal{L}/\partial X$:
#
# 1. **El estado de la celda recibe también lo que baja por $h_t$**, porque $h_t$ depende de $C_t$:
#    $$dC^{\text{total}} = dC + dh \odot o_t \odot (1 - \tanh^2 C_t) .$$
# 2. **Las compuertas y el valor candidato**, ya multiplicados por la derivada de su activación ($\sigma' = \sigma(1-\sigma)$, $\tanh' = 1 - \tanh^2$):
#    $$da_o = dh \odot \tanh(C_t) \odot o_t(1-o_t), \qquad da_f = dC^{\text{total}} \odot C_{t-1} \odot f_t(1-f_t),$$
#    $$da_i = dC^{\text{total}} \odot \tilde{C}_t \odot i_t(1-i_t), \qquad da_C = dC^{\text{total}} \odot i_t \odot (1-\tilde{C}_t^2) .$$
# 3. **Los pesos y sesgos** de cada red interna $k \in \{f, i, C, o\}$:
#    $$dW_k = da_k\,[h_{t-1}; x_t]^{\top}, \qquad db_k = \textstyle\sum_{\text{ejemplos}} da_k \;\;\text{(forma } (n_h, 1)\text{)} .$$
# 4. **Hacia el paso anterior.** Las cuatro redes leyeron $[h_{t-1}; x_t]$, así que su error es la suma $\sum_k W_k^{\top} da_k$, de forma $(n_h + n_x, m)$; $dh_{t-1}$ son sus **primeras $n_h$ filas** (las de $h$). Por el carrusel,
#    $$dC_{t-1} = dC^{\text{total}} \odot f_t .$$
#

# %%
diagrama_lstm()


# %% [markdown]
# ### Ejercicio 3 · Retropropagación de un paso (4 puntos)
#
# Escribe `paso_atras_lstm(dh, dC, cache, p)` que devuelva la tupla `(grads, dh_prev, dC_prev)`:
#
# * `grads` es un diccionario con **las mismas claves que `p`** (`"W_f", "b_f", "W_i", …, "b_o"`) y cada gradiente con la forma de su parámetro;
# * `dh_prev` y `dC_prev` tienen forma `(n_h, m)`.

# %% nbgrader={"grade": false, "grade_id": "paso_atras_lstm", "locked": false, "schema_version": 3, "solution": true}
def paso_atras_lstm(dh, dC, cache, p):
    """Un paso de la LSTM hacia atrás.

    dh, dC (n_h, m); cache de paso_lstm; p con W_* (n_h, n_h + n_x) y b_* (n_h, 1)
    ->  (grads, dh_prev (n_h, m), dC_prev (n_h, m))
    """
    n_h = dh.shape[0]
    f, i, C_tilde, o = cache["f"], cache["i"], cache["C_tilde"], cache["o"]
    concatenado = np.concatenate([cache["h_prev"], cache["x_t"]], axis=0)
    grads = {}
    ### BEGIN SOLUTION
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
    ### END SOLUTION
    return grads, dh_prev, dC_prev


# %% nbgrader={"grade": true, "grade_id": "paso_atras_lstm_prueba", "locked": true, "points": 4, "schema_version": 3, "solution": false}
CLAVES = ["W_f", "b_f", "W_i", "b_i", "W_C", "b_C", "W_o", "b_o"]

# Formas, con n_x = 3, n_h = 2 y m = 4 ejemplos.
rng = generador(0)
p = {}
for k in "fiCo":
    p["W_" + k] = rng.standard_normal((2, 5))
    p["b_" + k] = rng.standard_normal((2, 1))
cache = {clave: rng.standard_normal((3 if clave == "x_t" else 2, 4)) for clave in ("x_t", "h_prev", "C_prev", "C_t", "h_t")}
cache.update({clave: rng.uniform(0.05, 0.95, (2, 4)) for clave in ("f", "i", "o")})
cache["C_tilde"] = rng.uniform(-0.95, 0.95, (2, 4))
resultado = paso_atras_lstm(rng.standard_normal((2, 4)), rng.standard_normal((2, 4)), cache, p)
assert isinstance(resultado, tuple) and len(resultado) == 3, "paso_atras_lstm debe devolver la tupla (grads, dh_prev, dC_prev)."
grads, dh_prev, dC_prev = resultado
assert isinstance(grads, dict) and sorted(grads) == sorted(CLAVES), f"grads debe tener exactamente las claves {CLAVES}; tiene {sorted(grads) if isinstance(grads, dict) else type(grads).__name__}."
for clave in CLAVES:
    comprobar_forma(grads[clave], p[clave].shape, f"grads['{clave}']",
                    pista="El gradiente de un sesgo suma sobre los m ejemplos: np.sum(..., axis=1, keepdims=True)." if clave[0] == "b" else None)
comprobar_forma(dh_prev, (2, 4), "dh_prev", pista="dh_prev son las primeras n_h filas de Σ W_kᵀ·da_k.")
comprobar_forma(dC_prev, (2, 4), "dC_prev")

# Caso cerrado, con n_h = n_x = m = 1 y una caché armada a mano:
# f = 0.5, i = 0.25, C̃ = 0.5, o = 0.5, C_prev = 2, C_t = 0.5·2 + 0.25·0.5 = 1.125, [h_prev; x_t] = [1; 2].
cache = {"x_t": np.array([[2.0]]), "h_prev": np.array([[1.0]]), "C_prev": np.array([[2.0]]),
         "f": np.array([[0.5]]), "i": np.array([[0.25]]), "C_tilde": np.array([[0.5]]), "o": np.array([[0.5]]),
         "C_t": np.array([[1.125]]), "h_t": 0.5 * np.tanh([[1.125]])}
p = {"W_f": np.array([[1.0, 0.0]]), "W_i": np.array([[0.0, 1.0]]), "W_C": np.array([[2.0, 0.0]]), "W_o": np.array([[1.0, 1.0]])}
p.update({"b_" + k: np.zeros((1, 1)) for k in "fiCo"})

# (a) Solo llega error al estado de la celda: dh = 0, dC = 1.
#     da_f = 1·2·0.25 = 0.5, da_i = 1·0.5·0.1875 = 0.09375, da_C = 1·0.25·0.75 = 0.1875, da_o = 0.
grads, dh_prev, dC_prev = paso_atras_lstm(np.zeros((1, 1)), np.ones((1, 1)), cache, p)
comprobar_cercano(grads["W_f"], [[0.5, 1.0]], "grads['W_f'] con dh = 0", errores_comunes={
    "¿olvidaste la derivada de la sigmoide, f_t ⊙ (1 − f_t)?": [[2.0, 4.0]],
    "¿multiplicaste por [x_t; h_prev]? El orden es [h_prev; x_t].": [[1.0, 0.5]],
})
comprobar_cercano(grads["W_i"], [[0.09375, 0.1875]], "grads['W_i'] con dh = 0")
comprobar_cercano(grads["W_C"], [[0.1875, 0.375]], "grads['W_C'] con dh = 0", errores_comunes={
    "¿olvidaste la derivada de tanh, 1 − C̃²?": [[0.25, 0.5]],
})
comprobar_cercano(grads["W_o"], [[0.0, 0.0]], "grads['W_o'] con dh = 0")
comprobar_cercano(grads["b_f"], [[0.5]], "grads['b_f'] con dh = 0")
# Σ W_kᵀ·da_k = [0.5 + 2·0.1875 + 0; 0.09375] = [0.875; 0.09375]
comprobar_cercano(dh_prev, [[0.875]], "dh_prev con dh = 0", errores_comunes={
    "¿tomaste las filas equivocadas de Σ W_kᵀ·da_k? dh_prev son las primeras n_h filas (las que multiplican a h_prev); las últimas n_x son de x_t.": [[0.09375]],
})
comprobar_cercano(dC_prev, [[0.5]], "dC_prev con dh = 0", errores_comunes={
    "¿olvidaste multiplicar por la compuerta de olvido? dC_prev = dC_total ⊙ f_t.": [[1.0]],
})

# (b) Solo llega error al estado oculto: dh = 1, dC = 0. Con t = tanh(1.125):
#     dC_total = 0.5·(1 − t²), da_o = t·0.25, dC_prev = 0.5·dC_total.
t = np.tanh(1.125)
c = 0.5 * (1 - t**2)
grads, dh_prev, dC_prev = paso_atras_lstm(np.ones((1, 1)), np.zeros((1, 1)), cache, p)
comprobar_cercano(grads["W_o"], [[0.25 * t, 0.5 * t]], "grads['W_o'] con dC = 0", errores_comunes={
    "¿usaste C_t en lugar de tanh(C_t) en la derivada de la compuerta de salida?": [[0.25 * 1.125, 0.5 * 1.125]],
})
comprobar_cercano(dC_prev, [[0.5 * c]], "dC_prev con dC = 0", errores_comunes={
    "¿olvidaste que h_t = o_t ⊙ tanh(C_t) también depende de C_t? dC_total = dC + dh ⊙ o_t ⊙ (1 − tanh² C_t).": [[0.0]],
})
comprobar_cercano(dh_prev, [[0.875 * c + 0.25 * t]], "dh_prev con dC = 0")
print("¡Bien! paso_atras_lstm pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm, retro
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide, compuerta_olvido=lstm.olvido, compuerta_entrada=lstm.entrada, valor_candidato=lstm.candidato, actualizar_celda=lstm.nuevo_estado, compuerta_salida=lstm.salida, estado_oculto=lstm.oculto, paso_lstm=lstm.celda, lstm_adelante=lstm.recorrido):
    for semilla in range(6):
        rng = generador(70 + semilla)
        n_x, n_h = (int(v) for v in rng.integers(1, 6, size=2))
        m = 1 if semilla < 2 else int(rng.integers(2, 5))
        escala = 4.0 if semilla == 5 else 1.0   # compuertas saturadas
        p = lstm.parametros_aleatorios(n_x, n_h, rng, escala)
        _, _, cache = lstm.celda(rng.standard_normal((n_x, m)), rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m)), p)
        dh, dC = rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m))
        grads, dh_prev, dC_prev = paso_atras_lstm(dh, dC, cache, p)
        esperado, esperado_h, esperado_C = retro.paso_atras(dh, dC, cache, p)
        que = f"con n_x={n_x}, n_h={n_h}, m={m}"
        for clave in CLAVES:
            comprobar_cercano(grads[clave], esperado[clave], f"grads['{clave}'] {que}")
        comprobar_cercano(dh_prev, esperado_h, f"dh_prev {que}")
        comprobar_cercano(dC_prev, esperado_C, f"dC_prev {que}")
### END HIDDEN TESTS

# %% [markdown]
# Ahora **usa tu `gradiente_numerico`** para comprobar tu `paso_atras_lstm` en un caso que nadie armó a mano. La pérdida $\mathcal{L} = \sum dh \odot h_t + \sum dC \odot C_t$ tiene justamente $\partial\mathcal{L}/\partial h_t = dh$ y $\partial\mathcal{L}/\partial C_t = dC$. El **error relativo** $\lVert a - b\rVert / (\lVert a\rVert + \lVert b\rVert)$ de un gradiente correcto anda por $10^{-9}$ o menos; algo como $10^{-3}$ delata un error.

# %%
def parametros_al_azar(n_x, n_h, rng):
    # W_* (n_h, n_h + n_x) y b_* (n_h, 1) con entradas normales, para las cuatro redes internas.
    p = {}
    for nombre in ("f", "i", "C", "o"):
        p[f"W_{nombre}"] = rng.standard_normal((n_h, n_h + n_x))
        p[f"b_{nombre}"] = rng.standard_normal((n_h, 1))
    return p


rng = np.random.default_rng(1)
n_x, n_h, m = 3, 2, 4
p = parametros_al_azar(n_x, n_h, rng)
x_t, h_prev, C_prev = rng.standard_normal((n_x, m)), rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m))
dh, dC = rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m))


def perdida_paso(parametros, h_anterior=h_prev, C_anterior=C_prev):
    h_t, C_t, _ = paso_lstm(x_t, h_anterior, C_anterior, parametros)
    return np.sum(dh * h_t) + np.sum(dC * C_t)


def error_relativo(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b) + 1e-300)


_, _, cache = paso_lstm(x_t, h_prev, C_prev, p)
grads, dh_prev, dC_prev = paso_atras_lstm(dh, dC, cache, p)
for clave in ["W_f", "b_i", "W_C", "b_o"]:
    numerico = gradiente_numerico(lambda valor: perdida_paso({**p, clave: valor}), p[clave])
    print(f"{clave:4s}: error relativo {error_relativo(grads[clave], numerico):.1e}")
print(f"h_prev: error relativo {error_relativo(dh_prev, gradiente_numerico(lambda v: perdida_paso(p, h_anterior=v), h_prev)):.1e}")
print(f"C_prev: error relativo {error_relativo(dC_prev, gradiente_numerico(lambda v: perdida_paso(p, C_anterior=v), C_prev)):.1e}")


# %% [markdown]
# ## 5. Toda la secuencia hacia atrás
#
# En una secuencia, la pérdida es la suma de las pérdidas de cada paso, y **los mismos parámetros** se usan en todos los pasos. Dos consecuencias:
#
# * el error que llega a $h_t$ tiene dos fuentes: la pérdida del propio paso, `dH[:, :, t]`, y lo que regresa del paso $t+1$ (el `dh_prev` de ese paso);
# * el gradiente de cada parámetro es la **suma** de los gradientes de todos los pasos.
#
# Se recorre la secuencia **al revés**, de $t = T$ a $t = 1$, empezando con cero error del futuro:
#
# ```text
# dh_siguiente = 0, dC_siguiente = 0
# para t = T, …, 1:
#     dh = dH[:, :, t] + dh_siguiente
#     (grads_t, dh_siguiente, dC_siguiente) = paso_atras_lstm(dh, dC_siguiente, caches[t], p)
#     grads += grads_t
# ```
#
# En numpy los pasos se numeran desde cero: el paso $t$ del pseudocódigo es el índice `t - 1`, así que en código el ciclo es `for t in reversed(range(T))`, con `t` de `T - 1` a `0`, y usa `dH[:, :, t]` y `caches[t]`.
#
# Al final, `dh_siguiente` y `dC_siguiente` son $\partial\mathcal{L}/\partial h_0$ y $\partial\mathcal{L}/\partial C_0$.
#
# ### Ejercicio 4 · Retropropagación a través del tiempo (4 puntos)
#
# Escribe `lstm_atras(dH, caches, p)`. `dH` tiene forma `(n_h, m, T)` y `caches` es la lista de $T$ cachés que devuelve tu `lstm_adelante`. Devuelve `(grads, dh0, dC0)`, con `grads` sumados sobre todos los pasos. Usa tu `paso_atras_lstm`.

# %% nbgrader={"grade": false, "grade_id": "lstm_atras", "locked": false, "schema_version": 3, "solution": true}
def lstm_atras(dH, caches, p):
    """Retropropagación a través del tiempo de la LSTM.

    dH (n_h, m, T), caches (lista de T), p  ->  (grads, dh0 (n_h, m), dC0 (n_h, m))
    """
    n_h, m, T = dH.shape
    grads = {clave: np.zeros_like(valor) for clave, valor in p.items()}
    dh_siguiente = np.zeros((n_h, m))   # lo que llega a h_t desde el paso t + 1
    dC_siguiente = np.zeros((n_h, m))   # lo que llega a C_t desde el paso t + 1
    ### BEGIN SOLUTION
    for t in reversed(range(T)):
        dh = dH[:, :, t] + dh_siguiente
        grads_t, dh_siguiente, dC_siguiente = paso_atras_lstm(dh, dC_siguiente, caches[t], p)
        for clave in grads:
            grads[clave] += grads_t[clave]
    ### END SOLUTION
    return grads, dh_siguiente, dC_siguiente


# %% nbgrader={"grade": true, "grade_id": "lstm_atras_prueba", "locked": true, "points": 4, "schema_version": 3, "solution": false}
# Esta prueba cambia paso_atras_lstm por uno de juguete que NO es la retropropagación: da (t + 1)·dh
# como gradiente de cada parámetro, dh_prev = dh / 2 y dC_prev = dC + 1; cada cache solo dice su paso t.
# Así califica solo tu recorrido.
def paso_atras_de_juguete(dh, dC, cache, p):
    return {clave: (cache["t"] + 1) * dh for clave in p}, dh / 2, dC + 1


CLAVES = ["W_f", "b_f", "W_i", "b_i", "W_C", "b_C", "W_o", "b_o"]
with con_referencia(globals(), paso_atras_lstm=paso_atras_de_juguete):
    # n_h = m = 1, T = 3, dH = [1, 2, 4].
    resultado = lstm_atras(np.array([1.0, 2.0, 4.0]).reshape(1, 1, 3), [{"t": 0}, {"t": 1}, {"t": 2}],
                           {clave: np.zeros((1, 1)) for clave in CLAVES})
assert isinstance(resultado, tuple) and len(resultado) == 3, "lstm_atras debe devolver la tupla (grads, dh0, dC0)."
grads, dh0, dC0 = resultado
assert isinstance(grads, dict) and sorted(grads) == sorted(CLAVES), f"grads debe tener las claves {CLAVES}."
comprobar_forma(dh0, (1, 1), "dh0")
# A mano, de t = 2 a t = 0: dh = 4 → grad 3·4 = 12; dh = 2 + 2 = 4 → 2·4 = 8; dh = 1 + 2 = 3 → 1·3 = 3. Total 23.
for clave in CLAVES:
    comprobar_cercano(grads[clave], [[23.0]], f"grads['{clave}']", errores_comunes={
        "¿acumulaste los gradientes? Tu resultado es solo el del primer paso: usa grads[clave] += ...": [[3.0]],
        "¿sumaste a dH[:, :, t] lo que regresa del paso siguiente (dh_prev)?": [[17.0]],
        "¿recorriste la secuencia hacia adelante? La retropropagación va de t = T − 1 a t = 0.": [[21.75]],
    })
comprobar_cercano(dh0, [[1.5]], "dh0", pista="dh0 es el dh_prev que devuelve el paso t = 0.")
comprobar_cercano(dC0, [[3.0]], "dC0", pista="dC0 es el dC_prev del paso t = 0, y cada paso recibe el dC_prev del paso siguiente.")
print("¡Bien! lstm_atras pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm, retro
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide, compuerta_olvido=lstm.olvido, compuerta_entrada=lstm.entrada, valor_candidato=lstm.candidato, actualizar_celda=lstm.nuevo_estado, compuerta_salida=lstm.salida, estado_oculto=lstm.oculto, paso_lstm=lstm.celda, lstm_adelante=lstm.recorrido):
    with con_referencia(globals(), paso_atras_lstm=retro.paso_atras):
        for semilla in range(5):
            rng = generador(80 + semilla)
            n_x, n_h, T = (int(v) for v in rng.integers(1, 6, size=3))
            m = 1 if semilla == 0 else int(rng.integers(2, 5))
            p = lstm.parametros_aleatorios(n_x, n_h, rng)
            x = rng.standard_normal((n_x, m, T))
            _, _, caches = lstm.recorrido(x, rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m)), p)
            dH = rng.standard_normal((n_h, m, T))
            grads, dh0, dC0 = lstm_atras(dH, caches, p)
            esperado, esperado_h, esperado_C = retro.recorrido_atras(dH, caches, p)
            que = f"con n_x={n_x}, n_h={n_h}, m={m}, T={T}"
            for clave in esperado:
                comprobar_cercano(grads[clave], esperado[clave], f"grads['{clave}'] {que}")
            comprobar_cercano(dh0, esperado_h, f"dh0 {que}")
            comprobar_cercano(dC0, esperado_C, f"dC0 {que}")
### END HIDDEN TESTS

# %% [markdown]
# Comprobemos la secuencia completa contra tu gradiente numérico: la pérdida $\mathcal{L} = \sum_t \sum dH_t \odot h_t$ tiene $\partial\mathcal{L}/\partial h_t$ directo igual a `dH[:, :, t]`.

# %%
rng = np.random.default_rng(2)
n_x, n_h, m, T = 2, 3, 2, 6
p = parametros_al_azar(n_x, n_h, rng)
x = rng.standard_normal((n_x, m, T))
h0, C0 = np.zeros((n_h, m)), np.zeros((n_h, m))
dH = rng.standard_normal((n_h, m, T))


def perdida_secuencia(parametros, C_inicial=C0):
    H, _, _ = lstm_adelante(x, h0, C_inicial, parametros)
    return np.sum(dH * H)


_, _, caches = lstm_adelante(x, h0, C0, p)
grads, dh0, dC0 = lstm_atras(dH, caches, p)
for clave in ["W_f", "W_o", "b_C"]:
    numerico = gradiente_numerico(lambda valor: perdida_secuencia({**p, clave: valor}), p[clave])
    print(f"{clave:4s}: error relativo {error_relativo(grads[clave], numerico):.1e}")
print(f"C0  : error relativo {error_relativo(dC0, gradiente_numerico(lambda v: perdida_secuencia(p, C_inicial=v), C0)):.1e}")

# %% [markdown]
# ## 6. Juega con el carrusel
#
# El panel compara dos redes que leen la misma secuencia de 60 pasos, con una pérdida que solo mira el último estado oculto:
#
# * la **RNN simple**, cuyo $W_h$ es una matriz ortogonal multiplicada por la **escala de los pesos recurrentes**; se grafica $\lVert\partial\mathcal{L}/\partial h_{T-k}\rVert$;
# * una **LSTM** cuya compuerta de olvido vale lo que marca el deslizador en todos los pasos, y cuyas demás redes tienen pesos recurrentes de la misma escala; se grafica $\lVert\partial\mathcal{L}/\partial C_{T-k}\rVert$, calculado con la retropropagación completa que acabas de escribir.
# * la línea punteada es lo que llegaría **solo por el carrusel**, $f^k$ veces el error inicial: lo que calculaste en el ejercicio 1. La diferencia con la curva de la LSTM es el error que también viaja por $h_t$ y las compuertas.
#
# Prueba:
#
# * Con $f = 0.5$, ¿quién conserva más error a 30 pasos? ¿Por qué la LSTM no ayuda si olvida la mitad en cada paso?
# * Sube $f$ a 0.98 y luego a 1. ¿Cómo cambia la pendiente de la curva de la LSTM? ¿Qué tanto se parece a la punteada?
# * Mueve la escala recurrente. La curva de la RNN cambia de inclinación: se desvanece con escala menor que 1 y puede explotar con escala mayor. ¿Y la de la LSTM? Con pesos recurrentes grandes se aparta de la punteada, porque parte del error también viaja por $h_t$ y las compuertas, y esa parte puede sumar o restar.

# %%
panel_carrusel().mostrar()

# %% [markdown]
# ## Resumen
#
# * Un gradiente calculado a mano se comprueba con **diferencias centradas**: error de orden $\varepsilon^2$, una evaluación hacia arriba y otra hacia abajo por entrada.
# * Hacia atrás, un paso de la LSTM junta en $C_t$ el error del futuro y el que baja por $h_t$, lo reparte entre las cuatro redes internas y lo regresa a $h_{t-1}$ (primeras $n_h$ filas de $\sum_k W_k^\top da_k$) y a $C_{t-1}$ (multiplicado por $f_t$).
# * En una secuencia los parámetros se comparten: sus gradientes **se suman** sobre todos los pasos, recorriendo el tiempo al revés.
# * Por el estado de la celda el error se multiplica por $f_t$ en cada paso, sin matriz de pesos ni $\tanh$ de por medio: es el **carrusel de error constante** de Hochreiter y Schmidhuber (1997). Con la compuerta de olvido cerca de 1, el error llega desde muy lejos.
#
# En la siguiente lección veremos **variantes** de la LSTM: las conexiones de mirilla y las compuertas acopladas.
