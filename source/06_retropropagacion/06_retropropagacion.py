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
# **Tiempo estimado:** unos 150 minutos. **Antes de empezar:** la lección 01 (paso de la RNN, pérdida de entropía cruzada de la secuencia), la lección 05 (paso completo de la LSTM y su caché) y la regla de la cadena con derivadas parciales.
#
# En la lección 01 mediste cómo se desvanece el gradiente de una RNN simple. Ahora vas a **derivar** tú mismo el gradiente de una RNN y de una LSTM, paso por paso y a lo largo de toda la secuencia, a calcularlo con numpy y a ver por qué el estado de la celda deja pasar el error cuando la RNN no puede.
#
# **Al terminar podrás:**
#
# 1. comprobar cualquier gradiente con **diferencias centradas** (y desconfiar de un gradiente que no las pase);
# 2. derivar con la regla de la cadena la retropropagación de **un paso** de la RNN simple y, con la misma receta, la de un paso de la LSTM: los gradientes de cada $W$ y $b$, y los de $h_{t-1}$ y $C_{t-1}$;
# 3. convertir la pérdida de entropía cruzada de cada paso (lección 01) en el error `dH` que recibe la red, y encadenar los pasos en la **retropropagación a través del tiempo**, sumando los gradientes de todos los pasos;
# 4. explicar el **carrusel de error constante**: por qué el camino del estado de la celda, cuya derivada local es $f_t$, conserva el error.
#
# **Cómo trabajar.** Igual que en las lecciones anteriores: ejecuta las celdas en orden, borra la línea `raise NotImplementedError(…)` donde diga `# TU CÓDIGO AQUÍ` y escribe tu solución. La celda que sigue a cada ejercicio lo revisa; al calificar se agregan pruebas ocultas con datos aleatorios.
#
# Las fórmulas hacia atrás **no vienen hechas**: la lección te da el paso hacia adelante, un gradiente resuelto y preguntas que te guían. Deriva cada respuesta en papel antes de abrir su bloque plegable «Respuesta»; tu gradiente numérico (ejercicio 2) es la red de seguridad que te dice si lo que derivaste está bien.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import numpy as np
import matplotlib.pyplot as plt

from course.cuestionario import revisar_respuesta
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
# En la RNN simple, $h_t = \tanh(W_h h_{t-1} + W_x x_t + b)$. Si $\delta_t = \partial \mathcal{L} / \partial h_t$ es el error que llega al estado oculto del paso $t$, la regla de la cadena lo lleva un paso atrás así (lo derivarás tú en la sección 4):
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
# Un matiz del artículo de 1997: el flujo es exactamente constante porque Hochreiter y Schmidhuber **truncaban** el gradiente. El error que salía de la celda hacia las compuertas y hacia $h_{t-1}$ no se seguía propagando hacia atrás: solo el carrusel llevaba error al pasado. Con la retropropagación completa, la que escribes en esta lección, también viaja error por esos otros caminos, y puede sumar o restar; lo verás en el panel de la sección 8.
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
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# n_h = m = 1, T = 3, compuertas f_1 = 0.5, f_2 = 0.8, f_3 = 0.9 y dC_T = 2:
# D_0 = 2, D_1 = 2·f_3 = 1.8, D_2 = 1.8·f_2 = 1.44 (f_1 no interviene: C_0 no está en D).
F = np.array([0.5, 0.8, 0.9]).reshape(1, 1, 3)
D = llamar(error_carrusel, np.array([[2.0]]), F)
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

# %% [markdown]
# **Predice y luego ejecuta.** Con la compuerta de olvido en 0.99 en todos los pasos, ¿cuánto del error queda a 100 pasos? ¿Y con 0.9? Haz tu estimación antes de correr la celda siguiente.
#
# <details>
# <summary>Respuestas</summary>
#
# * **¿Cuánto queda con $f = 0.99$?** $0.99^{100} \approx e^{-1} \approx 0.37$: más de un tercio del error llega desde 100 pasos atrás.
# * **¿Y con $f = 0.9$?** $0.9^{100} \approx 2.7 \times 10^{-5}$: prácticamente nada. Una compuerta que «casi» recuerda (0.9) olvida en pocas decenas de pasos; para memoria larga, $f_t$ tiene que estar muy cerca de 1 (con $f = 1$ llega el error completo).
#
# </details>

# %%
# Compara con tu predicción.
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
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# L(x) = Σ x²: el gradiente exacto es 2x, y la diferencia centrada lo da sin error.
x = np.array([[1.0, -2.0], [0.5, 3.0]])
grad = llamar(gradiente_numerico, lambda v: np.sum(v**2), x)
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
# L(x) = Σ x³ con ε = 0.1: la diferencia centrada da 3x² + ε², así que el resultado depende del eps que recibes.
grad = gradiente_numerico(lambda v: np.sum(v**3), np.array([1.0, 2.0]), eps=0.1)
comprobar_cercano(grad, [3.01, 12.01], "el gradiente de Σ x³ con eps=0.1", errores_comunes={
    "¿ignoraste el eps que recibe la función? Usa el parámetro eps, no un valor fijo.": [3.0, 12.0],
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
# ## 4. Calentamiento: un paso de la RNN hacia atrás
#
# Antes de la LSTM, derivemos la retropropagación de la celda más sencilla, la de la lección 01:
#
# $$a_t = W\,[h_{t-1}; x_t] + b, \qquad h_t = \tanh(a_t),$$
#
# con $W$ de forma $(n_h, n_h + n_x)$ (sus primeras $n_h$ columnas multiplican a $h_{t-1}$ y las últimas $n_x$ a $x_t$) y $b$ de forma $(n_h, 1)$; $a_t$ es la **preactivación**, lo que entra a $\tanh$. Hacia atrás llega `dh` $= \partial\mathcal{L}/\partial h_t$, de forma $(n_h, m)$, y queremos el error de todo lo que entró al paso. Escribimos $dX$ para $\partial\mathcal{L}/\partial X$; **siempre tiene la forma de $X$**.
#
# **Paso 1: a través de $\tanh$.** Cada entrada de $h_t$ depende solo de la entrada correspondiente de $a_t$, así que la regla de la cadena va elemento a elemento: $da_t = dh \odot \tanh'(a_t)$. Como $\tanh'(a) = 1 - \tanh^2(a)$ y $\tanh(a_t) = h_t$ ya está en la caché,
#
# $$da_t = dh \odot (1 - h_t^2) .$$
#
# Es $1 - h_t^2$ (no $1 - h_t$), y con el $h_t$ de **este** paso, la salida de $\tanh$ (no $h_{t-1}$, que es su entrada).
#
# **Paso 2: a través del producto por $W$.** Con un solo ejemplo y $z = [h_{t-1}; x_t]$, la entrada $W_{jk}$ multiplica a $z_k$ y solo afecta a $a_j$, así que $\partial\mathcal{L}/\partial W_{jk} = da_j\, z_k$: la matriz $da\, z^{\top}$. Con $m$ ejemplos (las columnas) cada ejemplo aporta su producto y se **suman**, que es justo lo que hace el producto matricial; el sesgo se suma a todas las columnas, así que su gradiente también suma sobre los ejemplos:
#
# $$dW = da_t\,[h_{t-1}; x_t]^{\top} \quad (n_h, n_h + n_x), \qquad db = \textstyle\sum_{\text{ejemplos}} da_t \quad (n_h, 1) .$$
#
# Hacia la entrada, $z_k$ afecta a todas las $a_j$, cada una con peso $W_{jk}$: $dz = W^{\top} da_t$, de forma $(n_h + n_x, m)$.
#
# **Paso 3: deshacer la concatenación.** $dz$ tiene un renglón por cada renglón de $[h_{t-1}; x_t]$: los primeros $n_h$ renglones son $dh_{t-1}$ y los últimos $n_x$ son $dx_t$.
#
# Si un gradiente no sale con la forma de su variable (por ejemplo, `dW` no es $(n_h, n_h + n_x)$), hay un factor transpuesto o en el orden equivocado.
#
# **Ejemplo resuelto** ($n_h = n_x = m = 1$). Con $W = [2, -1]$, $b = \ln 2$, $h_{t-1} = 0.5$ y $x_t = 1$: $a_t = 2 \cdot 0.5 - 1 + \ln 2 = \ln 2$ y $h_t = \tanh(\ln 2) = 0.6$. Si llega $dh = 1$:
#
# * $da_t = 1 \cdot (1 - 0.6^2) = 0.64$;
# * $dW = 0.64 \cdot [0.5, 1] = [0.32, 0.64]$ y $db = 0.64$;
# * $W^{\top} da_t = [2; -1] \cdot 0.64 = [1.28; -0.64]$, así que $dh_{t-1} = 1.28$ y $dx_t = -0.64$.
#
# ### Ejercicio 3 · Un paso de la RNN hacia atrás (3 puntos)
#
# Escribe `paso_atras_rnn(dh, cache, W)` que devuelva la tupla `(dh_prev, dx_t, dW, db)`. `cache` es un diccionario con lo que guardó el paso hacia adelante: `"x_t"` $(n_x, m)$, `"h_prev"` $(n_h, m)$ y `"h_t"` $(n_h, m)$. El sesgo no hace falta: su efecto ya está en `h_t`.

# %% nbgrader={"grade": false, "grade_id": "paso_atras_rnn", "locked": false, "schema_version": 3, "solution": true}
def paso_atras_rnn(dh, cache, W):
    """Un paso de la RNN, h_t = tanh(W·[h_prev; x_t] + b), hacia atrás.

    dh (n_h, m); cache con x_t (n_x, m), h_prev (n_h, m) y h_t (n_h, m); W (n_h, n_h + n_x)
    ->  (dh_prev (n_h, m), dx_t (n_x, m), dW (n_h, n_h + n_x), db (n_h, 1))
    """
    n_h = dh.shape[0]
    ### BEGIN SOLUTION
    concatenado = np.concatenate([cache["h_prev"], cache["x_t"]], axis=0)
    da = dh * (1 - cache["h_t"] ** 2)
    dW = da @ concatenado.T
    db = np.sum(da, axis=1, keepdims=True)
    d_concatenado = W.T @ da
    dh_prev = d_concatenado[:n_h]
    dx_t = d_concatenado[n_h:]
    ### END SOLUTION
    return dh_prev, dx_t, dW, db


# %% nbgrader={"grade": true, "grade_id": "paso_atras_rnn_prueba", "locked": true, "points": 3, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Formas, con n_x = 3, n_h = 2 y m = 4 ejemplos.
rng = generador(1)
cache = {"x_t": rng.standard_normal((3, 4)), "h_prev": np.tanh(rng.standard_normal((2, 4))), "h_t": np.tanh(rng.standard_normal((2, 4)))}
resultado = llamar(paso_atras_rnn, rng.standard_normal((2, 4)), cache, rng.standard_normal((2, 5)))
assert isinstance(resultado, tuple) and len(resultado) == 4, "paso_atras_rnn debe devolver la tupla (dh_prev, dx_t, dW, db)."
dh_prev, dx_t, dW, db = resultado
comprobar_forma(dh_prev, (2, 4), "dh_prev", pista="dh_prev son los primeros n_h renglones de Wᵀ·da.")
comprobar_forma(dx_t, (3, 4), "dx_t", pista="dx_t son los últimos n_x renglones de Wᵀ·da.")
comprobar_forma(dW, (2, 5), "dW", pista="dW tiene la forma de W, (n_h, n_h + n_x): da·[h_prev; x_t]ᵀ, en ese orden.")
comprobar_forma(db, (2, 1), "db", pista="El gradiente del sesgo suma sobre los m ejemplos: np.sum(..., axis=1, keepdims=True).")

# El ejemplo resuelto, con dos ejemplos que solo difieren en dh: W = [2, −1], h_prev = 0.5, x_t = 1, h_t = 0.6.
# da = dh·(1 − 0.36) = [0.64, −1.28]; dW = da·[h_prev; x_t]ᵀ = [0.5·(0.64 − 1.28), 0.64 − 1.28] = [−0.32, −0.64];
# db = 0.64 − 1.28 = −0.64; Wᵀ·da = [2·da; −da], así que dh_prev = [1.28, −2.56] y dx_t = [−0.64, 1.28].
W = np.array([[2.0, -1.0]])
cache = {"x_t": np.array([[1.0, 1.0]]), "h_prev": np.array([[0.5, 0.5]]), "h_t": np.array([[0.6, 0.6]])}
dh_prev, dx_t, dW, db = paso_atras_rnn(np.array([[1.0, -2.0]]), cache, W)
comprobar_cercano(dW, [[-0.32, -0.64]], "dW", errores_comunes={
    "¿usaste 1 − h_t en lugar de 1 − h_t²? La derivada de tanh es 1 − tanh², y tanh(a_t) = h_t.": [[-0.2, -0.4]],
    "¿olvidaste la derivada de tanh? da = dh ⊙ (1 − h_t²).": [[-0.5, -1.0]],
    "¿evaluaste la derivada de tanh en h_prev? Es 1 − h_t², con la salida de este paso.": [[-0.375, -0.75]],
    "¿concatenaste [x_t; h_prev]? El orden es [h_prev; x_t], el mismo de las columnas de W.": [[-0.64, -0.32]],
    "¿multiplicaste por dh? La regla de la cadena empieza con el error que llega: da = dh ⊙ (1 − h_t²).": [[0.64, 1.28]],
})
comprobar_cercano(db, [[-0.64]], "db")
comprobar_cercano(dh_prev, [[1.28, -2.56]], "dh_prev", errores_comunes={
    "¿tomaste los renglones de x_t? dh_prev son los primeros n_h renglones de Wᵀ·da (los que multiplican a h_prev); dx_t, los últimos n_x.": [[-0.64, 1.28]],
})
comprobar_cercano(dx_t, [[-0.64, 1.28]], "dx_t", pista="dx_t son los últimos n_x renglones de Wᵀ·da.")
print("¡Bien! paso_atras_rnn pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import rnn
for semilla in range(5):
    rng = generador(90 + semilla)
    n_x, n_h = (int(v) for v in rng.integers(1, 6, size=2))
    m = 1 if semilla == 0 else int(rng.integers(2, 5))
    W, b = rng.standard_normal((n_h, n_h + n_x)), rng.standard_normal((n_h, 1))
    x_t, h_prev = rng.standard_normal((n_x, m)), np.tanh(rng.standard_normal((n_h, m)))
    cache = {"x_t": x_t, "h_prev": h_prev, "h_t": rnn.celda(x_t, h_prev, W, b)}
    dh = rng.standard_normal((n_h, m))
    obtenido = paso_atras_rnn(dh, dict(cache), W)
    que = f"con n_x={n_x}, n_h={n_h}, m={m}"
    for nombre, valor, esperado in zip(("dh_prev", "dx_t", "dW", "db"), obtenido, rnn.paso_atras(dh, cache, W)):
        comprobar_cercano(valor, esperado, f"{nombre} {que}")
### END HIDDEN TESTS

# %% [markdown]
# Comprueba tu `paso_atras_rnn` con **tu `gradiente_numerico`** en un caso al azar. La pérdida $\mathcal{L} = \sum dh \odot h_t$ tiene justamente $\partial\mathcal{L}/\partial h_t = dh$. El **error relativo** $\lVert a - b\rVert / (\lVert a\rVert + \lVert b\rVert)$ de un gradiente correcto anda por $10^{-8}$ o menos; algo como $10^{-3}$ delata un error. Esta misma comprobación es tu red de seguridad en el resto de la lección.

# %%
def error_relativo(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b) + 1e-300)


def celda_rnn(x_t, h_prev, W, b):
    # El paso hacia adelante de la lección 01.
    return np.tanh(W @ np.concatenate([h_prev, x_t], axis=0) + b)


rng = np.random.default_rng(3)
n_x, n_h, m = 3, 2, 4
W, b = rng.standard_normal((n_h, n_h + n_x)), rng.standard_normal((n_h, 1))
x_t, h_prev, dh = rng.standard_normal((n_x, m)), rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m))
cache = {"x_t": x_t, "h_prev": h_prev, "h_t": celda_rnn(x_t, h_prev, W, b)}
dh_prev, dx_t, dW, db = paso_atras_rnn(dh, cache, W)
print(f"W     : error relativo {error_relativo(dW, gradiente_numerico(lambda v: np.sum(dh * celda_rnn(x_t, h_prev, v, b)), W)):.1e}")
print(f"b     : error relativo {error_relativo(db, gradiente_numerico(lambda v: np.sum(dh * celda_rnn(x_t, h_prev, W, v)), b)):.1e}")
print(f"h_prev: error relativo {error_relativo(dh_prev, gradiente_numerico(lambda v: np.sum(dh * celda_rnn(x_t, v, W, b)), h_prev)):.1e}")
print(f"x_t   : error relativo {error_relativo(dx_t, gradiente_numerico(lambda v: np.sum(dh * celda_rnn(v, h_prev, W, b)), x_t)):.1e}")

# %% [markdown]
# ## 5. Un paso de la LSTM hacia atrás
#
# El paso hacia adelante, con $[h_{t-1}; x_t]$ la concatenación (primero $h$) y una preactivación $a_k$ por cada red interna $k \in \{f, i, C, o\}$:
#
# $$a_k = W_k\,[h_{t-1}; x_t] + b_k, \qquad f_t = \sigma(a_f),\; i_t = \sigma(a_i),\; \tilde{C}_t = \tanh(a_C),\; o_t = \sigma(a_o),$$
# $$C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t, \qquad h_t = o_t \odot \tanh(C_t) .$$
#
# Tu `paso_lstm` de la lección 05 devuelve `(h_t, C_t, cache)`; aquí `cache` debe guardar todo lo que hace falta para regresar: `x_t, h_prev, C_prev, f, i, C_tilde, o, C_t, h_t`.
#
# Hacia atrás recibimos dos errores: `dh` $= \partial\mathcal{L}/\partial h_t$ y `dC` $= \partial\mathcal{L}/\partial C_t$, este último **solo lo que llega del futuro** (del paso $t+1$). Cada red interna es una capa como la de la RNN de la sección 4, con su propia activación, así que la receta es la misma: (1) el error que llega a su salida ($f_t$, $i_t$, $\tilde{C}_t$ u $o_t$); (2) por la derivada de su activación, $da_k$, con $\sigma'(a) = \sigma(a)\,(1 - \sigma(a))$ y $\tanh'(a) = 1 - \tanh^2(a)$; (3) $dW_k$, $db_k$ y $W_k^{\top} da_k$, como en el paso 2 de la RNN. Lo nuevo es el paso (1), y sale de las dos últimas ecuaciones.
#
# **Un gradiente resuelto: todo el error que llega a $C_t$.** $C_t$ influye en la pérdida por dos caminos: directo hacia el paso $t+1$ (eso es `dC`) y a través de $h_t = o_t \odot \tanh(C_t)$. Por el segundo, elemento a elemento, $\partial h_t/\partial C_t = o_t \odot \tanh'(C_t) = o_t \odot (1 - \tanh^2 C_t)$. La regla de la cadena **suma** lo que llega por cada camino:
#
# $$dC^{\text{total}} = dC + dh \odot o_t \odot (1 - \tanh^2 C_t) .$$
#
# Es el paso 1 de la RNN con un factor $o_t$ de más. Por ejemplo, con $o_t = 0.5$, $C_t = 1.125$, $dh = 1$ y $dC = 0$: $\tanh(1.125) \approx 0.8093$ y $dC^{\text{total}} \approx 0.5 \cdot (1 - 0.655) \approx 0.1725$.
#
# ### Ahora tú: deriva el resto
#
# Contesta cada pregunta en papel y solo después abre su respuesta.
#
# **Pregunta A · La compuerta de salida.** Con $h_t = o_t \odot \tanh(C_t)$, ¿qué error llega a $o_t$? ¿Y a su preactivación $a_o$? *Pista:* en un producto elemento a elemento, la derivada respecto a un factor es el otro factor; y $o_t = \sigma(a_o)$, así que $\sigma'(a_o)$ se escribe con $o_t$.
#
# <details>
# <summary>Respuesta</summary>
#
# $do_t = dh \odot \tanh(C_t)$, y por la sigmoide
#
# $$da_o = dh \odot \tanh(C_t) \odot o_t\,(1 - o_t) .$$
#
# Solo `dh` llega a la compuerta de salida: el error del futuro, `dC`, no pasa por $o_t$.
#
# </details>
#
# **Pregunta B · Las tres redes que escriben en la celda.** Con $C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t$ y $dC^{\text{total}}$ ya calculado, ¿qué error llega a $f_t$, a $i_t$ y a $\tilde{C}_t$? ¿Y a $a_f$, $a_i$ y $a_C$? *Pista:* la misma regla del producto; $\tilde{C}_t$ usa $\tanh$, no $\sigma$.
#
# <details>
# <summary>Respuesta</summary>
#
# $df_t = dC^{\text{total}} \odot C_{t-1}$, $di_t = dC^{\text{total}} \odot \tilde{C}_t$ y $d\tilde{C}_t = dC^{\text{total}} \odot i_t$. Por sus activaciones:
#
# $$da_f = dC^{\text{total}} \odot C_{t-1} \odot f_t(1-f_t), \qquad da_i = dC^{\text{total}} \odot \tilde{C}_t \odot i_t(1-i_t), \qquad da_C = dC^{\text{total}} \odot i_t \odot (1-\tilde{C}_t^2) .$$
#
# </details>
#
# **Pregunta C · Pesos y sesgos.** ¿Cuánto valen $dW_k$ y $db_k$ para cada red interna, y qué formas tienen? *Pista:* es el paso 2 de la RNN.
#
# <details>
# <summary>Respuesta</summary>
#
# $dW_k = da_k\,[h_{t-1}; x_t]^{\top}$, de forma $(n_h, n_h + n_x)$, y $db_k = \sum_{\text{ejemplos}} da_k$, es decir `np.sum(da_k, axis=1, keepdims=True)`, de forma $(n_h, 1)$.
#
# </details>
#
# **Pregunta D · Hacia $h_{t-1}$.** Las cuatro redes leen el mismo $[h_{t-1}; x_t]$. ¿Cómo se combinan sus errores, y qué renglones son $dh_{t-1}$? *Pista:* si una variable se usa en varios lugares, la regla de la cadena suma lo que llega por cada uso (como en $dC^{\text{total}}$).
#
# <details>
# <summary>Respuesta</summary>
#
# El error de $[h_{t-1}; x_t]$ es $\sum_k W_k^{\top} da_k$, de forma $(n_h + n_x, m)$. $dh_{t-1}$ son sus primeros $n_h$ renglones (los de $h$); los últimos $n_x$ serían $dx_t$, que aquí no se piden.
#
# </details>
#
# **Pregunta E · Hacia $C_{t-1}$.** ¿Por qué camino llega error a $C_{t-1}$, y cuánto? ¿Qué tiene que ver con el ejercicio 1?
#
# <details>
# <summary>Respuesta</summary>
#
# Solo por el término $f_t \odot C_{t-1}$: $dC_{t-1} = dC^{\text{total}} \odot f_t$. Es el carrusel del ejercicio 1: el error del estado de la celda se multiplica por la compuerta de olvido. La diferencia es que ahora $dC^{\text{total}}$ incluye también lo que bajó por $h_t$.
#
# </details>

# %%
diagrama_lstm()


# %% [markdown]
# ### Ejercicio 4 · Retropropagación de un paso de la LSTM (4 puntos)
#
# Con lo que derivaste, escribe `paso_atras_lstm(dh, dC, cache, p)` que devuelva la tupla `(grads, dh_prev, dC_prev)`:
#
# * `grads` es un diccionario con **las mismas claves que `p`** (`"W_f", "b_f", "W_i", …, "b_o"`) y cada gradiente con la forma de su parámetro;
# * `dh_prev` y `dC_prev` tienen forma `(n_h, m)`.
#
# Si una prueba visible falla, su mensaje dice qué pieza revisar; la celda que sigue a la prueba compara todo con tu gradiente numérico.

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
from course.pruebas import llamar  # explica en español los errores de formas de numpy
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
resultado = llamar(paso_atras_lstm, rng.standard_normal((2, 4)), rng.standard_normal((2, 4)), cache, p)
assert isinstance(resultado, tuple) and len(resultado) == 3, "paso_atras_lstm debe devolver la tupla (grads, dh_prev, dC_prev)."
grads, dh_prev, dC_prev = resultado
assert isinstance(grads, dict) and sorted(grads) == sorted(CLAVES), f"grads debe tener exactamente las claves {CLAVES}; tiene {sorted(grads) if isinstance(grads, dict) else type(grads).__name__}."
for clave in CLAVES:
    comprobar_forma(grads[clave], p[clave].shape, f"grads['{clave}']",
                    pista="El gradiente de un sesgo suma sobre los m ejemplos: np.sum(..., axis=1, keepdims=True)." if clave[0] == "b" else None)
comprobar_forma(dh_prev, (2, 4), "dh_prev", pista="dh_prev son los primeros n_h renglones de Σ W_kᵀ·da_k.")
comprobar_forma(dC_prev, (2, 4), "dC_prev")

# Caso cerrado, con n_h = n_x = m = 1: la caché es la de un paso hacia adelante con estos p,
# así que sirve igual si tomas las compuertas de la caché o si las recalculas desde p.
# [h_prev; x_t] = [1; 2]; los sesgos dejan cada preactivación en un valor redondo:
# f = σ(1 − 1) = 0.5, i = σ(2 − 2 − ln 3) = 0.25, C̃ = tanh(2 − 2 + artanh 0.5) = 0.5, o = σ(3 − 3) = 0.5,
# C_prev = 2, C_t = 0.5·2 + 0.25·0.5 = 1.125.
cache = {"x_t": np.array([[2.0]]), "h_prev": np.array([[1.0]]), "C_prev": np.array([[2.0]]),
         "f": np.array([[0.5]]), "i": np.array([[0.25]]), "C_tilde": np.array([[0.5]]), "o": np.array([[0.5]]),
         "C_t": np.array([[1.125]]), "h_t": 0.5 * np.tanh([[1.125]])}
p = {"W_f": np.array([[1.0, 0.0]]), "W_i": np.array([[0.0, 1.0]]), "W_C": np.array([[2.0, 0.0]]), "W_o": np.array([[1.0, 1.0]])}
p.update({"b_f": np.array([[-1.0]]), "b_i": np.array([[-2.0 - np.log(3.0)]]),
          "b_C": np.array([[np.arctanh(0.5) - 2.0]]), "b_o": np.array([[-3.0]])})

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
    "¿tomaste los renglones equivocados de Σ W_kᵀ·da_k? dh_prev son los primeros n_h renglones (los que multiplican a h_prev); los últimos n_x son de x_t.": [[0.09375]],
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
# Ahora **usa tu `gradiente_numerico`** para comprobar tu `paso_atras_lstm` en un caso que nadie armó a mano. La pérdida $\mathcal{L} = \sum dh \odot h_t + \sum dC \odot C_t$ tiene justamente $\partial\mathcal{L}/\partial h_t = dh$ y $\partial\mathcal{L}/\partial C_t = dC$. Un error relativo de $10^{-8}$ o menos dice que tu derivación es correcta.

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


_, _, cache = paso_lstm(x_t, h_prev, C_prev, p)
grads, dh_prev, dC_prev = paso_atras_lstm(dh, dC, cache, p)
for clave in ["W_f", "b_i", "W_C", "b_o"]:
    numerico = gradiente_numerico(lambda valor: perdida_paso({**p, clave: valor}), p[clave])
    print(f"{clave:4s}: error relativo {error_relativo(grads[clave], numerico):.1e}")
print(f"h_prev: error relativo {error_relativo(dh_prev, gradiente_numerico(lambda v: perdida_paso(p, h_anterior=v), h_prev)):.1e}")
print(f"C_prev: error relativo {error_relativo(dC_prev, gradiente_numerico(lambda v: perdida_paso(p, C_anterior=v), C_prev)):.1e}")


# %% [markdown]
# ## 6. Toda la secuencia hacia atrás
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
# ### Ejercicio 5 · Retropropagación a través del tiempo (4 puntos)
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
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Esta prueba cambia paso_atras_lstm por uno de juguete que NO es la retropropagación: da (t + 1)·dh
# como gradiente de cada parámetro, dh_prev = dh / 2 y dC_prev = dC + 1; cada cache solo dice su paso t.
# Así califica solo tu recorrido.
def paso_atras_de_juguete(dh, dC, cache, p):
    return {clave: (cache["t"] + 1) * dh for clave in p}, dh / 2, dC + 1


CLAVES = ["W_f", "b_f", "W_i", "b_i", "W_C", "b_C", "W_o", "b_o"]
with con_referencia(globals(), paso_atras_lstm=paso_atras_de_juguete):
    # n_h = m = 1, T = 3, dH = [1, 2, 4].
    resultado = llamar(lstm_atras, np.array([1.0, 2.0, 4.0]).reshape(1, 1, 3), [{"t": 0}, {"t": 1}, {"t": 2}],
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
# ## 7. De la pérdida de la lección 01 al error `dH`
#
# Hasta aquí `dH` llegaba hecho. En la lección 01 la red emite en cada paso una predicción y paga por ella una entropía cruzada binaria:
#
# $$z_t = W_y\,h_t + b_y, \qquad \hat{y}_t = \sigma(z_t), \qquad \mathcal{L} = \frac{1}{m}\sum_{\text{ejemplos}}\; \sum_{t=1}^{T} \Big[-y_t \log \hat{y}_t - (1-y_t)\log(1-\hat{y}_t)\Big],$$
#
# con la capa de salida $W_y$ de forma $(1, n_h)$ y $b_y$ de forma $(1, 1)$, y las etiquetas $y$ de forma $(1, m, T)$: suma en el tiempo, promedio en los ejemplos. `dH[:, :, t]` es la derivada de $\mathcal{L}$ respecto a $h_t$ **solo a través de la predicción de ese paso**, $\hat{y}_t$; lo que $h_t$ influye en los pasos siguientes lo suma tu `lstm_atras` con el `dh_prev` de cada paso.
#
# **Pregunta F · El error de la preactivación.** Deriva $dz_t = \partial\mathcal{L}/\partial z_t$ para un ejemplo. *Pista:* primero $\partial\mathcal{L}/\partial\hat{y}_t$, luego multiplica por $\sigma'(z_t) = \hat{y}_t(1-\hat{y}_t)$ y simplifica; no olvides el $1/m$.
#
# <details>
# <summary>Respuesta</summary>
#
# $\dfrac{\partial\mathcal{L}}{\partial\hat{y}_t} = \dfrac{1}{m}\left(-\dfrac{y_t}{\hat{y}_t} + \dfrac{1-y_t}{1-\hat{y}_t}\right) = \dfrac{1}{m}\,\dfrac{\hat{y}_t - y_t}{\hat{y}_t(1-\hat{y}_t)}$, y al multiplicar por $\hat{y}_t(1-\hat{y}_t)$ todo se cancela:
#
# $$dz_t = \frac{\hat{y}_t - y_t}{m} .$$
#
# Tiene sentido: si la red predice de más ($\hat{y}_t > y_t$), el gradiente es positivo y el descenso de gradiente baja $z_t$.
#
# </details>
#
# **Pregunta G · Hacia $h_t$ y la capa de salida.** Con $dz_t$ de forma $(1, m)$, ¿cuánto valen `dH[:, :, t]`, $dW_y$ y $db_y$? *Pista:* la capa de salida es una capa lineal como la del paso 2 de la RNN, y $W_y$ y $b_y$ se usan en **todos** los pasos.
#
# <details>
# <summary>Respuesta</summary>
#
# `dH[:, :, t]` $= W_y^{\top} dz_t$, de forma $(n_h, m)$; $dW_y = \sum_t dz_t\,h_t^{\top}$, de forma $(1, n_h)$; y $db_y = \sum_t \sum_{\text{ejemplos}} dz_t$, de forma $(1, 1)$. Se suman sobre los pasos porque los parámetros se comparten, igual que en `lstm_atras`.
#
# </details>
#
# ### Ejercicio 6 · El error que manda la pérdida (3 puntos)
#
# Escribe `gradiente_salida(H, W_y, b_y, y)` que devuelva `(dH, dW_y, db_y)`, con las formas de `H` $(n_h, m, T)$, `W_y` $(1, n_h)$ y `b_y` $(1, 1)$. `y` tiene forma $(1, m, T)$. Calcula $\hat{y}_t$ con tu `sigmoide_estable`.

# %% nbgrader={"grade": false, "grade_id": "gradiente_salida", "locked": false, "schema_version": 3, "solution": true}
def gradiente_salida(H, W_y, b_y, y):
    """Gradientes de la entropía cruzada de cada paso (suma en el tiempo, promedio en los ejemplos), con ŷ_t = σ(W_y·h_t + b_y).

    H (n_h, m, T), W_y (1, n_h), b_y (1, 1), y (1, m, T)  ->  (dH (n_h, m, T), dW_y (1, n_h), db_y (1, 1))
    """
    n_h, m, T = H.shape
    dH = np.zeros((n_h, m, T))
    dW_y = np.zeros((1, n_h))
    db_y = np.zeros((1, 1))
    ### BEGIN SOLUTION
    for t in range(T):
        h_t = H[:, :, t]
        y_hat_t = sigmoide_estable(W_y @ h_t + b_y)
        dz_t = (y_hat_t - y[:, :, t]) / m
        dH[:, :, t] = W_y.T @ dz_t
        dW_y = dW_y + dz_t @ h_t.T
        db_y = db_y + np.sum(dz_t, axis=1, keepdims=True)
    ### END SOLUTION
    return dH, dW_y, db_y


# %% nbgrader={"grade": true, "grade_id": "gradiente_salida_prueba", "locked": true, "points": 3, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# n_h = 2, m = 2, T = 3, W_y = [1, −1] y b_y = ln 3, así que z = h[0] − h[1] + ln 3. Con estos H las predicciones son
# ŷ = [0.75, 0.5] en el paso 1, [0.25, 0.5] en el paso 2 y [0.5, 0.5] en el paso 3 (un valor por ejemplo).
L = np.log(3.0)
H = np.zeros((2, 2, 3))
H[:, :, 0] = [[0.0, 0.0], [0.0, L]]
H[:, :, 1] = [[0.0, -L], [2 * L, 0.0]]
H[:, :, 2] = [[0.0, -L], [L, 0.0]]
W_y, b_y = np.array([[1.0, -1.0]]), np.array([[L]])
y = np.array([[[1.0, 0.0, 0.0], [1.0, 1.0, 1.0]]])   # y[0, ejemplo, paso]
resultado = llamar(gradiente_salida, H, W_y, b_y, y)
assert isinstance(resultado, tuple) and len(resultado) == 3, "gradiente_salida debe devolver la tupla (dH, dW_y, db_y)."
dH, dW_y, db_y = resultado
comprobar_forma(dH, (2, 2, 3), "dH", pista="dH tiene un error (n_h, m) por cada paso: la forma de H.")
comprobar_forma(dW_y, (1, 2), "dW_y", pista="dW_y tiene la forma de W_y, (1, n_h): suma de dz_t·h_tᵀ.")
comprobar_forma(db_y, (1, 1), "db_y", pista="db_y es (1, 1): suma dz_t sobre los ejemplos y sobre los pasos.")

# dz_t = (ŷ_t − y_t)/m: paso 1 [−0.125, −0.25], paso 2 [0.125, −0.25], paso 3 [0.25, −0.25]; dH[:, :, t] = W_yᵀ·dz_t = [dz_t; −dz_t].
dZ = np.array([[[-0.125, 0.125, 0.25], [-0.25, -0.25, -0.25]]])
def con_W_y(dz):   # W_yᵀ·dz en cada paso, de (1, m, T) a (2, m, T)
    return np.concatenate([dz, -dz], axis=0)
y_hat = dZ * 2 + y
comprobar_cercano(dH, con_W_y(dZ), "dH", errores_comunes={
    "¿invertiste el signo? dz_t = (ŷ_t − y_t)/m: si la red predice de más, el gradiente es positivo.": con_W_y(-dZ),
    "¿olvidaste dividir entre m? La pérdida promedia sobre los ejemplos.": con_W_y(2 * dZ),
    "¿dividiste también entre T? La pérdida suma sobre los pasos (no promedia) y solo promedia sobre los m ejemplos.": con_W_y(dZ / 3),
    "¿usaste ∂L/∂ŷ sin multiplicar por la derivada de la sigmoide, ŷ(1 − ŷ)? Al multiplicar se simplifica a (ŷ − y)/m.": con_W_y((-y / y_hat + (1 - y) / (1 - y_hat)) / 2),
    "¿olvidaste la sigmoide? ŷ_t = σ(W_y·h_t + b_y), no la preactivación.": con_W_y((np.einsum("ih,hmt->imt", W_y, H) + L - y) / 2),
    "¿olvidaste b_y? z_t = W_y·h_t + b_y.": con_W_y((1 / (1 + np.exp(-np.einsum("ih,hmt->imt", W_y, H))) - y) / 2),
    "¿sumaste en dH[:, :, t] el error de los pasos siguientes? dH[:, :, t] es solo lo que manda la pérdida del paso t; lo que regresa del futuro lo suma lstm_atras.": con_W_y(np.cumsum(dZ[:, :, ::-1], axis=2)[:, :, ::-1]),
    "¿le diste a cada paso el error de toda la secuencia? Cada paso tiene su propia pérdida: dH[:, :, t] = W_yᵀ·dz_t, con el dz_t de ese paso.": con_W_y(np.repeat(dZ.sum(axis=2, keepdims=True), 3, axis=2)),
})
# dW_y = Σ_t dz_t·h_tᵀ = [0, −0.25·L] + [0.25·L, 0.25·L] + [0.25·L, 0.25·L]; db_y = Σ dz = −0.5.
comprobar_cercano(dW_y, [[0.5 * L, 0.25 * L]], "dW_y", errores_comunes={
    "¿acumulaste dW_y sobre los pasos? W_y se usa en todos, así que dW_y = Σ_t dz_t·h_tᵀ.": [[0.25 * L, 0.25 * L]],
})
comprobar_cercano(db_y, [[-0.5]], "db_y", errores_comunes={
    "¿acumulaste db_y sobre los pasos? b_y se usa en todos.": [[0.0]],
})
print("¡Bien! gradiente_salida pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm, rnn
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide):
    for semilla in range(5):
        rng = generador(100 + semilla)
        n_h, T = (int(v) for v in rng.integers(1, 6, size=2))
        m = 1 if semilla == 0 else int(rng.integers(2, 5))
        H = np.tanh(rng.standard_normal((n_h, m, T)))
        W_y, b_y = rng.standard_normal((1, n_h)), rng.standard_normal((1, 1))
        y = (rng.random((1, m, T)) < 0.5).astype(float)
        obtenido = gradiente_salida(H.copy(), W_y.copy(), b_y.copy(), y.copy())
        que = f"con n_h={n_h}, m={m}, T={T}"
        for nombre, valor, esperado in zip(("dH", "dW_y", "db_y"), obtenido, rnn.gradiente_bce(H, W_y, b_y, y)):
            comprobar_cercano(valor, esperado, f"{nombre} {que}")
### END HIDDEN TESTS

# %% [markdown]
# Ahora junta todo: tu LSTM hacia adelante, la salida y la entropía cruzada de la lección 01 en cada paso, tu `gradiente_salida` para obtener `dH` y tu `lstm_atras` para llevarlo hasta los pesos. Tu `gradiente_numerico` sobre la **pérdida completa** dice si la cadena entera está bien: con estos gradientes ya se puede entrenar la red.

# %%
rng = np.random.default_rng(4)
n_x, n_h, m, T = 2, 3, 4, 5
p = parametros_al_azar(n_x, n_h, rng)
x = rng.standard_normal((n_x, m, T))
h0, C0 = np.zeros((n_h, m)), np.zeros((n_h, m))
W_y, b_y = rng.standard_normal((1, n_h)), rng.standard_normal((1, 1))
y = (rng.random((1, m, T)) < 0.5).astype(float)


def perdida_total(parametros, W_y=W_y, b_y=b_y):
    # Adelante, salida σ(W_y·h_t + b_y) en cada paso y entropía cruzada: suma en el tiempo, promedio en los ejemplos.
    H, _, _ = lstm_adelante(x, h0, C0, parametros)
    y_hat = sigmoide_estable(np.einsum("ih,hmt->imt", W_y, H) + b_y[:, :, None])
    return np.sum(-(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))) / m


H, _, caches = lstm_adelante(x, h0, C0, p)
dH, dW_y, db_y = gradiente_salida(H, W_y, b_y, y)
grads, _, _ = lstm_atras(dH, caches, p)
for clave in ["W_f", "W_i", "W_C", "W_o", "b_f"]:
    numerico = gradiente_numerico(lambda valor: perdida_total({**p, clave: valor}), p[clave])
    print(f"{clave:4s}: error relativo {error_relativo(grads[clave], numerico):.1e}")
print(f"W_y : error relativo {error_relativo(dW_y, gradiente_numerico(lambda v: perdida_total(p, W_y=v), W_y)):.1e}")
print(f"b_y : error relativo {error_relativo(db_y, gradiente_numerico(lambda v: perdida_total(p, b_y=v), b_y)):.1e}")

# %% [markdown]
# ## 8. Juega con el carrusel
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
#
# <details>
# <summary>Respuestas</summary>
#
# * **Con $f = 0.5$, ¿quién conserva más error a 30 pasos? ¿Por qué la LSTM no ayuda si olvida la mitad en cada paso?** Con la escala inicial (0.60), a distancia 30 la LSTM conserva cerca de $1 \times 10^{-7}$ del error y la RNN cerca de $4 \times 10^{-8}$: las dos lo perdieron prácticamente todo (y con escala 1 la RNN, con $4 \times 10^{-2}$, incluso le gana). Por el carrusel el error se multiplica por 0.5 en cada paso, $0.5^{30} \approx 9 \times 10^{-10}$: olvidar la mitad en cada paso desvanece el error tan rápido como la RNN. El carrusel solo ayuda si $f_t$ está cerca de 1.
# * **Con $f$ en 0.98 y luego en 1, ¿cómo cambia la pendiente? ¿Qué tanto se parece a la punteada?** La curva de la LSTM se vuelve casi plana: con escala 0.60 y $f = 0.98$, a 30 pasos conserva $8 \times 10^{-2}$ y a 59 pasos $0.43$; con $f = 1$, $0.10$ y $0.86$. No sigue la punteada al pie de la letra ($0.98^{30} \approx 0.55$; con $f = 1$ es 1 siempre): primero cae algo más rápido y luego vuelve a subir, la forma de U que explica el pie del panel, pero ya no se desvanece exponencialmente.
# * **¿Y al mover la escala recurrente?** La RNN cambia muchísimo: a distancia 30 le llega $4 \times 10^{-17}$ del error con escala 0.3, $4 \times 10^{-2}$ con escala 1 y $0.21$ con escala 1.5 (a 59 pasos, $1.4$: ya crece). La LSTM con $f = 0.98$ se mueve mucho menos: a 30 pasos queda entre $10^{-2}$ y $0.5$ con cualquier escala. Con escala 0.3 casi coincide con la punteada ($0.50$ contra $0.55$ a 30 pasos); con escalas mayores se aparta, porque pesa más el error que viaja por $h_t$ y las compuertas.
#
# </details>

# %%
panel_carrusel().mostrar()

# %% [markdown]
# ## Resumen
#
# * Un gradiente calculado a mano se comprueba con **diferencias centradas**: error de orden $\varepsilon^2$, una evaluación hacia arriba y otra hacia abajo por entrada.
# * Un paso hacia atrás sigue siempre la misma receta: el error de la salida, por la derivada de la activación ($1 - h_t^2$ para $\tanh$, $\sigma(1-\sigma)$ para la sigmoide), $dW = da\,[h_{t-1}; x_t]^{\top}$, $db$ sumando sobre los ejemplos, y $W^{\top} da$ partido en los renglones de $h_{t-1}$ y los de $x_t$.
# * En la LSTM, $C_t$ junta el error del futuro y el que baja por $h_t$; se reparte entre las cuatro redes internas, regresa a $h_{t-1}$ (primeros $n_h$ renglones de $\sum_k W_k^\top da_k$) y a $C_{t-1}$ (multiplicado por $f_t$).
# * La entropía cruzada de cada paso, con salida sigmoide, manda a la preactivación $dz_t = (\hat{y}_t - y_t)/m$ y a $h_t$ el error `dH[:, :, t]` $= W_y^{\top} dz_t$.
# * En una secuencia los parámetros se comparten: sus gradientes **se suman** sobre todos los pasos, recorriendo el tiempo al revés.
# * Por el estado de la celda el error se multiplica por $f_t$ en cada paso, sin matriz de pesos ni $\tanh$ de por medio: es el **carrusel de error constante** de Hochreiter y Schmidhuber (1997). Con la compuerta de olvido cerca de 1, el error llega desde muy lejos.
#
# En la siguiente lección veremos **variantes** de la LSTM: las conexiones de mirilla y las compuertas acopladas.

# %% [markdown]
# ## Cuestionario
#
# Para terminar, unas preguntas de conceptos. Escribe entre comillas la letra de tu respuesta en la celda de cada pregunta; la celda que sigue solo revisa que sea una de las opciones. Se califica al entregar, y la retroalimentación te explica por qué cada opción es o no es la correcta.

# %% [markdown]
# **Pregunta 1.** En el paso hacia atrás de la RNN, $h_t = \tanh(a_t)$. ¿Por qué factor se multiplica `dh` (elemento a elemento) para obtener $da_t$?
#
# * (a) $1 - h_t$
# * (b) $1 - h_t^2$
# * (c) $h_t\,(1 - h_t)$
# * (d) $1 - h_{t-1}^2$

# %% nbgrader={"grade": false, "grade_id": "cuestionario_06_p1", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_1 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_06_p1_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_1, 1, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("06_retropropagacion", 1, respuesta_1)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 2.** La salida de cada paso es $\hat{y}_t = \sigma(W_y h_t + b_y)$ y la pérdida es la entropía cruzada binaria sumada en el tiempo y promediada en los $m$ ejemplos. ¿Cuánto vale `dH[:, :, t]`?
#
# * (a) $W_y^{\top}(y_t - \hat{y}_t)/m$
# * (b) $W_y^{\top}\,\hat{y}_t(1-\hat{y}_t)(\hat{y}_t - y_t)/m$
# * (c) $W_y^{\top}(\hat{y}_t - y_t)/m$
# * (d) $W_y^{\top}\sum_{s \ge t}(\hat{y}_s - y_s)/m$

# %% nbgrader={"grade": false, "grade_id": "cuestionario_06_p2", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_2 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_06_p2_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_2, 2, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("06_retropropagacion", 2, respuesta_2)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 3.** ¿Por qué `lstm_atras` **suma** los gradientes de $W_f$ de todos los pasos?
#
# * (a) Porque la misma $W_f$ se usa en todos los pasos: la pérdida depende de ella a través de cada paso, y la regla de la cadena suma lo que llega por cada uso.
# * (b) Para compensar el gradiente que se desvanece: sumar hace más grande el gradiente de los pasos lejanos.
# * (c) Es una convención para promediar el ruido; usar solo el gradiente del último paso daría el mismo resultado.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_06_p3", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_3 = "a"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_06_p3_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_3, 3, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("06_retropropagacion", 3, respuesta_3)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 4.** En un paso hacia atrás de la LSTM, ¿qué recibe $C_{t-1}$?
#
# * (a) $dC$, el error que llegó del futuro, sin cambios.
# * (b) $W_f^{\top} da_f$, como $h_{t-1}$.
# * (c) $dC^{\text{total}} \odot f_t$, donde $dC^{\text{total}}$ incluye lo que bajó por $h_t$.
# * (d) $dC^{\text{total}} \odot (1 - \tanh^2 C_t)$.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_06_p4", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_4 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_06_p4_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_4, 4, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("06_retropropagacion", 4, respuesta_4)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 5.** Tu `paso_atras_lstm` y tu `gradiente_numerico` dan un error relativo de $10^{-3}$ en $W_i$. ¿Qué concluyes?
#
# * (a) Nada grave: las diferencias centradas siempre tienen un error de ese tamaño.
# * (b) Hay un error en la derivación de $W_i$ (o en lo que la alimenta): un gradiente correcto da $10^{-8}$ o menos.
# * (c) Hay que subir $\varepsilon$ a $10^{-1}$ para que las dos coincidan.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_06_p5", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_5 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_06_p5_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_5, 5, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("06_retropropagacion", 5, respuesta_5)
### END HIDDEN TESTS
