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
# # Lección 07 · Variantes de la LSTM
#
# **Tiempo estimado:** unos 90 minutos. **Antes de empezar:** la lección 05 (el paso completo de la LSTM y el recorrido de una secuencia), la lección 02 (la sigmoide estable y cuánto dura un recuerdo con olvido $f$) y, para la última sección, la lección 06 (el carrusel de error constante).
#
# La LSTM que construiste compuerta por compuerta no es la única celda con memoria. En esta lección escribes dos variantes muy citadas, cuentas cuántos parámetros cuesta cada celda y las comparas sobre la misma secuencia.
#
# **Al terminar podrás:**
#
# 1. escribir un paso de la LSTM con **conexiones de mirilla**, en la que las compuertas también ven el estado de la celda;
# 2. escribir un paso de la LSTM con **compuertas acopladas**, en la que olvidar y escribir se deciden juntas;
# 3. contar los parámetros de cada celda en función de $n_x$ y $n_h$;
# 4. recorrer una secuencia con cualquier celda y comparar lo que hacen;
# 5. explicar qué encontraron Greff et al. (2015) al comparar variantes y por qué conviene iniciar el sesgo de olvido en 1.
#
# **Cómo trabajar.** Igual que siempre: celdas en orden, tu código donde diga `# TU CÓDIGO AQUÍ`, y la celda siguiente revisa cada ejercicio.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import numpy as np
import matplotlib.pyplot as plt

from course.diagramas import diagrama_lstm_acoplada
from course.diagramas import diagrama_lstm_mirillas
from course.cuestionario import revisar_respuesta
from course.pruebas import comprobar_cercano, comprobar_escalar, comprobar_forma, con_referencia, generador


# %% [markdown]
# ### Tus funciones de lecciones anteriores
#
# Esta lección usa funciones que escribiste antes. El curso no las trae resueltas: **copia en la celda siguiente tus propias soluciones** de la lección 02 (`sigmoide_estable`) y ejecútala. Las pruebas que califican esta lección usan sus propias versiones, así que un error ahí no te cuesta puntos aquí; las pruebas visibles que las usan te lo avisan.

# %% nbgrader={"grade": false, "grade_id": "previas", "locked": false, "schema_version": 3, "solution": true}
# Copia aquí tus funciones de la lección 02: sigmoide_estable.
### BEGIN SOLUTION
def sigmoide_estable(z):
    """σ(z) = 1 / (1 + e^(-z)) sin desbordes.

    z: arreglo de cualquier forma  ->  arreglo de la misma forma, con valores en [0, 1]
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return s
### END SOLUTION
sigmoide = sigmoide_estable  # en esta lección la llamamos con el nombre corto

# %% [markdown]
# Para no repetir trabajo, en esta lección usamos tu sigmoide estable de la lección 02 con el nombre corto `sigmoide(z)`: no se desborda con $|z|$ grande. Un recordatorio de la LSTM estándar, con cada $W$ de forma `(n_h, n_h + n_x)` actuando sobre $[h_{t-1}; x_t]$:
#
# $$f_t = \sigma(W_f[h_{t-1}; x_t] + b_f),\quad i_t = \sigma(W_i[h_{t-1}; x_t] + b_i),\quad \tilde{C}_t = \tanh(W_C[h_{t-1}; x_t] + b_C),\quad o_t = \sigma(W_o[h_{t-1}; x_t] + b_o)$$
# $$C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t, \qquad h_t = o_t \odot \tanh(C_t) .$$
#
# ## 1. Conexiones de mirilla
#
# En la LSTM estándar las compuertas deciden **sin ver** el estado de la celda: solo ven $h_{t-1}$ y $x_t$. Gers y Schmidhuber (2000) propusieron dejarlas «asomarse» a la celda por una **mirilla** (*peephole*):
#
# $$f_t = \sigma\left(W_f \cdot [C_{t-1};\, h_{t-1};\, x_t] + b_f\right), \qquad i_t = \sigma\left(W_i \cdot [C_{t-1};\, h_{t-1};\, x_t] + b_i\right)$$
# $$C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t \quad (\tilde{C}_t \text{ como siempre, sin mirilla})$$
# $$o_t = \sigma\left(W_o \cdot [C_t;\, h_{t-1};\, x_t] + b_o\right), \qquad h_t = o_t \odot \tanh(C_t) .$$
#
# Fíjate en dos detalles:
#
# * La compuerta de salida se calcula **después** de actualizar la celda, así que mira el estado **nuevo** $C_t$; las de olvido y entrada miran el **anterior** $C_{t-1}$.
# * En este curso, como en las notas, $W_f, W_i, W_o$ tienen forma `(n_h, 2·n_h + n_x)` y actúan sobre $[C; h; x]$, **con $C$ primero**. En el artículo original los pesos de la mirilla son diagonales (cada unidad solo ve su propia celda): es el caso particular en que las primeras $n_h$ columnas de $W$ forman una matriz diagonal.

# %%
diagrama_lstm_mirillas()


# %% [markdown]
# ### Ejercicio 1 · Un paso con mirillas (3 puntos)
#
# Escribe `paso_mirilla(x_t, h_prev, C_prev, p)` que devuelva la tupla `(h_t, C_t)`. `p` tiene `W_f, W_i, W_o` de forma `(n_h, 2·n_h + n_x)`, `W_C` de forma `(n_h, n_h + n_x)` y los sesgos `b_f, b_i, b_C, b_o` de forma `(n_h, 1)`.

# %% nbgrader={"grade": false, "grade_id": "paso_mirilla", "locked": false, "schema_version": 3, "solution": true}
def paso_mirilla(x_t, h_prev, C_prev, p):
    """Un paso de la LSTM con conexiones de mirilla.

    x_t (n_x, m), h_prev (n_h, m), C_prev (n_h, m)  ->  (h_t (n_h, m), C_t (n_h, m))
    """
    ### BEGIN SOLUTION
    con_C_prev = np.concatenate([C_prev, h_prev, x_t], axis=0)
    f_t = sigmoide(p["W_f"] @ con_C_prev + p["b_f"])
    i_t = sigmoide(p["W_i"] @ con_C_prev + p["b_i"])
    C_tilde = np.tanh(p["W_C"] @ np.concatenate([h_prev, x_t], axis=0) + p["b_C"])
    C_t = f_t * C_prev + i_t * C_tilde
    con_C_t = np.concatenate([C_t, h_prev, x_t], axis=0)
    o_t = sigmoide(p["W_o"] @ con_C_t + p["b_o"])
    h_t = o_t * np.tanh(C_t)
    ### END SOLUTION
    return h_t, C_t


# %% nbgrader={"grade": true, "grade_id": "paso_mirilla_prueba", "locked": true, "points": 3, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Formas con n_x = 3, n_h = 2, m = 4.
rng = generador(0)
p = {f"W_{k}": rng.standard_normal((2, 5 if k == "C" else 7)) for k in "fiCo"}   # f, i, o también ven C_prev
p.update({f"b_{k}": rng.standard_normal((2, 1)) for k in "fiCo"})
resultado = llamar(paso_mirilla, rng.standard_normal((3, 4)), rng.standard_normal((2, 4)), rng.standard_normal((2, 4)), p)
assert isinstance(resultado, tuple) and len(resultado) == 2, "paso_mirilla debe devolver la tupla (h_t, C_t)."
comprobar_forma(resultado[0], (2, 4), "h_t")
comprobar_forma(resultado[1], (2, 4), "C_t")

# Caso cerrado: n_h = n_x = 1, m = 2 (dos ejemplos, uno por columna).
p = {
    "W_f": np.array([[0.5, -1.0, 1.0]]), "b_f": np.zeros((1, 1)),
    "W_i": np.array([[1.0, 0.5, -0.5]]), "b_i": np.zeros((1, 1)),
    "W_C": np.array([[1.0, 1.0]]), "b_C": np.zeros((1, 1)),
    "W_o": np.array([[2.0, 0.5, 0.5]]), "b_o": np.zeros((1, 1)),
}
x_t = np.array([[1.0, -1.0]])
h_prev = np.array([[0.5, 0.0]])
C_prev = np.array([[-1.0, 2.0]])
h_t, C_t = paso_mirilla(x_t, h_prev, C_prev, p)
# Columna 1: f = σ(0.5·(−1) − 1·0.5 + 1·1) = σ(0), i = σ(−1 + 0.25 − 0.5) = σ(−1.25), C̃ = tanh(1.5).
comprobar_cercano(C_t, [[-0.298423358256, 0.29617899063]], "C_t", errores_comunes={
    "¿concatenaste [h; C; x]? En este curso la mirilla va primero: [C_prev; h_prev; x_t].": [[-0.562920258058, -0.527808196773]],
})
comprobar_cercano(h_t, [[-0.156011511923, 0.150546706738]], "h_t", errores_comunes={
    "¿la compuerta de salida miró C_prev? Se calcula después de actualizar la celda y mira el estado nuevo C_t.": [[-0.064553890485, 0.279375574659]],
})
# n_h = 2, n_x = 1, m = 1: cada compuerta multiplica todo C por su bloque W[:, :n_h] de 2×2, no solo su diagonal.
p = {
    "W_f": np.array([[0.5, -1.0, 0.3, 0.2, 1.0], [0.8, 0.4, -0.6, 0.1, -0.5]]), "b_f": np.zeros((2, 1)),
    "W_i": np.array([[0.2, 0.9, 0.5, -0.4, 0.7], [-0.7, 0.3, 0.2, 0.6, 0.1]]), "b_i": np.zeros((2, 1)),
    "W_C": np.array([[1.0, -0.5, 0.8], [0.3, 0.6, -1.0]]), "b_C": np.zeros((2, 1)),
    "W_o": np.array([[0.6, -0.8, 0.4, 0.5, -0.3], [1.2, 0.5, -0.2, 0.3, 0.9]]), "b_o": np.zeros((2, 1)),
}
h_t, C_t = paso_mirilla(np.array([[1.5]]), np.array([[0.5], [-0.3]]), np.array([[1.0], [-2.0]]), p)
comprobar_cercano(C_t, [[1.41669602944], [-0.712933165993]], "C_t con n_h = 2", errores_comunes={
    "¿usaste mirillas diagonales (p ⊙ C)? En este curso la mirilla es un bloque completo: W[:, :n_h] @ C.": [[1.68444031549], [-0.602105434404]],
})
comprobar_cercano(h_t, [[0.653385806589], [-0.566201744473]], "h_t con n_h = 2", errores_comunes={
    "¿usaste mirillas diagonales (p ⊙ C)? En este curso la mirilla es un bloque completo: W[:, :n_h] @ C.": [[0.604952286349], [-0.378296647393]],
})
print("¡Bien! paso_mirilla pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm, variantes
with con_referencia(globals(), sigmoide=lstm.sigmoide):
    for semilla in range(6):
        rng = generador(90 + semilla)
        n_x, n_h = (int(v) for v in rng.integers(1, 6, size=2))
        m = 1 if semilla < 2 else int(rng.integers(2, 5))
        escala = 10.0 if semilla == 5 else 1.0   # entradas grandes: compuertas saturadas, sin NaN
        p = variantes.parametros_mirilla(n_x, n_h, rng, escala)
        x_t, h_prev, C_prev = rng.standard_normal((n_x, m)), np.tanh(rng.standard_normal((n_h, m))), rng.standard_normal((n_h, m))
        h_t, C_t = paso_mirilla(x_t, h_prev, C_prev, p)
        esperado_h, esperado_C = variantes.celda_mirilla(x_t, h_prev, C_prev, p)
        comprobar_cercano(C_t, esperado_C, f"C_t con n_x={n_x}, n_h={n_h}, m={m}")
        comprobar_cercano(h_t, esperado_h, f"h_t con n_x={n_x}, n_h={n_h}, m={m}")
### END HIDDEN TESTS

# %% [markdown]
# ## 2. Compuertas acopladas
#
# En la LSTM estándar, olvidar ($f_t$) y escribir ($i_t$) son decisiones independientes: la red puede olvidar sin escribir nada nuevo, o escribir sin olvidar. La variante **acoplada** las decide juntas: **solo se escribe donde se olvida**, y en la misma proporción. La compuerta de entrada desaparece y se usa $1 - f_t$ en su lugar:
#
# $$C_t = f_t \odot C_{t-1} + (1 - f_t) \odot \tilde{C}_t .$$
#
# Cada entrada de $C_t$ es un **promedio ponderado** de lo viejo y lo nuevo: con $f_t = 1$ se conserva todo y no entra nada; con $f_t = 0$ se reemplaza todo por el candidato. Lo demás ($f_t$, $\tilde{C}_t$, $o_t$, $h_t$) es igual que en la LSTM estándar.

# %%
diagrama_lstm_acoplada()


# %% [markdown]
# ### Ejercicio 2 · Un paso acoplado (2 puntos)
#
# Escribe `paso_acoplada(x_t, h_prev, C_prev, p)` que devuelva `(h_t, C_t)`. Aquí `p` solo trae `W_f, b_f, W_C, b_C, W_o, b_o`, con las formas de siempre.

# %% nbgrader={"grade": false, "grade_id": "paso_acoplada", "locked": false, "schema_version": 3, "solution": true}
def paso_acoplada(x_t, h_prev, C_prev, p):
    """Un paso de la LSTM con compuertas de olvido y entrada acopladas.

    x_t (n_x, m), h_prev (n_h, m), C_prev (n_h, m)  ->  (h_t (n_h, m), C_t (n_h, m))
    """
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    ### BEGIN SOLUTION
    f_t = sigmoide(p["W_f"] @ concatenado + p["b_f"])
    C_tilde = np.tanh(p["W_C"] @ concatenado + p["b_C"])
    o_t = sigmoide(p["W_o"] @ concatenado + p["b_o"])
    C_t = f_t * C_prev + (1 - f_t) * C_tilde
    h_t = o_t * np.tanh(C_t)
    ### END SOLUTION
    return h_t, C_t


# %% nbgrader={"grade": true, "grade_id": "paso_acoplada_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
rng = generador(1)
p = {f"W_{k}": rng.standard_normal((2, 5)) for k in "fCo"}   # sin compuerta de entrada
p.update({f"b_{k}": rng.standard_normal((2, 1)) for k in "fCo"})
resultado = llamar(paso_acoplada, rng.standard_normal((3, 4)), rng.standard_normal((2, 4)), rng.standard_normal((2, 4)), p)
assert isinstance(resultado, tuple) and len(resultado) == 2, "paso_acoplada debe devolver la tupla (h_t, C_t)."
comprobar_forma(resultado[0], (2, 4), "h_t")
comprobar_forma(resultado[1], (2, 4), "C_t")

# Caso cerrado: n_h = n_x = 1, m = 2.
p = {
    "W_f": np.array([[1.0, 0.5]]), "b_f": np.array([[0.5]]),
    "W_C": np.array([[-1.0, 1.0]]), "b_C": np.zeros((1, 1)),
    "W_o": np.array([[0.5, 0.5]]), "b_o": np.zeros((1, 1)),
}
x_t = np.array([[1.0, -1.0]])
h_prev = np.array([[0.5, 0.0]])
C_prev = np.array([[-1.0, 2.0]])
h_t, C_t = paso_acoplada(x_t, h_prev, C_prev, p)
# Columna 1: f = σ(0.5 + 0.5 + 0.5) = σ(1.5), C̃ = tanh(−0.5 + 1) = tanh(0.5).
comprobar_cercano(C_t, [[-0.733272511721, 0.619202922022]], "C_t", errores_comunes={
    "¿pusiste (1 − f) del lado equivocado? f multiplica a lo viejo (C_prev) y 1 − f a lo nuevo (C̃).": [[0.195389668981, 0.619202922022]],
    "¿olvidaste multiplicar el candidato por (1 − f)?": [[-0.355457318934, 0.238405844044]],
})
comprobar_cercano(h_t, [[-0.424529717753, 0.207863628011]], "h_t")
print("¡Bien! paso_acoplada pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm, variantes
with con_referencia(globals(), sigmoide=lstm.sigmoide):
    for semilla in range(6):
        rng = generador(100 + semilla)
        n_x, n_h = (int(v) for v in rng.integers(1, 6, size=2))
        m = 1 if semilla < 2 else int(rng.integers(2, 5))
        escala = 10.0 if semilla == 5 else 1.0
        p = variantes.parametros_acoplada(n_x, n_h, rng, escala)
        x_t, h_prev, C_prev = rng.standard_normal((n_x, m)), np.tanh(rng.standard_normal((n_h, m))), rng.standard_normal((n_h, m))
        h_t, C_t = paso_acoplada(x_t, h_prev, C_prev, p)
        esperado_h, esperado_C = variantes.celda_acoplada(x_t, h_prev, C_prev, p)
        comprobar_cercano(C_t, esperado_C, f"C_t con n_x={n_x}, n_h={n_h}, m={m}")
        comprobar_cercano(h_t, esperado_h, f"h_t con n_x={n_x}, n_h={n_h}, m={m}")
### END HIDDEN TESTS

# %% [markdown]
# ## 3. ¿Cuánto cuesta cada celda?
#
# Cada «red interna» de una celda (una compuerta o el valor candidato) tiene una matriz $W$ de forma $(n_h, n_h + n_x)$ y un sesgo $b$ de forma $(n_h, 1)$: son $n_h(n_h + n_x) + n_h$ parámetros. Una celda cuesta tantas redes internas como tenga, más lo que agregue su variante:
#
# | celda | redes internas | extra |
# |---|---|---|
# | RNN simple | 1 | |
# | LSTM | 4 ($f$, $i$, $\tilde{C}$, $o$) | |
# | LSTM con mirillas | 4 | las compuertas $f$, $i$, $o$ ven además $C$: $n_h$ columnas más cada una |
# | LSTM acoplada | 3 (sin $i$) | |
#
# ### Ejercicio 3 · Contar parámetros (2 puntos)
#
# Escribe `contar_parametros(tipo, n_x, n_h)` que devuelva un entero con el número de parámetros (pesos y sesgos) de la celda `tipo`, que es una de las cadenas `"rnn"`, `"lstm"`, `"mirilla"` o `"acoplada"`.

# %% nbgrader={"grade": false, "grade_id": "contar_parametros", "locked": false, "schema_version": 3, "solution": true}
def contar_parametros(tipo, n_x, n_h):
    """Número de parámetros de una celda: tipo en {"rnn", "lstm", "mirilla", "acoplada"}  ->  int"""
    ### BEGIN SOLUTION
    red = n_h * (n_h + n_x) + n_h
    if tipo == "rnn":
        total = red
    elif tipo == "lstm":
        total = 4 * red
    elif tipo == "mirilla":
        total = 4 * red + 3 * n_h * n_h
    elif tipo == "acoplada":
        total = 3 * red
    ### END SOLUTION
    return total


# %% nbgrader={"grade": true, "grade_id": "contar_parametros_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# n_x = 3, n_h = 2: cada red interna tiene 2·5 + 2 = 12 parámetros.
comprobar_escalar(contar_parametros("rnn", 3, 2), 12, "los parámetros de la RNN", errores_comunes={
    "¿olvidaste los sesgos? Cada red interna tiene también b de forma (n_h, 1).": 10,
})
comprobar_escalar(contar_parametros("lstm", 3, 2), 48, "los parámetros de la LSTM", errores_comunes={
    "¿olvidaste los sesgos? Cada red interna tiene también b de forma (n_h, 1).": 40,
})
comprobar_escalar(contar_parametros("mirilla", 3, 2), 60, "los parámetros de la LSTM con mirillas", errores_comunes={
    "¿le diste mirilla también al valor candidato? Solo f, i y o ven el estado de la celda.": 64,
    "¿olvidaste las columnas de la mirilla? W_f, W_i y W_o son (n_h, 2·n_h + n_x).": 48,
})
comprobar_escalar(contar_parametros("acoplada", 3, 2), 36, "los parámetros de la LSTM acoplada", errores_comunes={
    "¿contaste la compuerta de entrada? La variante acoplada no la tiene.": 48,
})
assert isinstance(contar_parametros("lstm", 3, 2), (int, np.integer)), "contar_parametros debe devolver un entero."
print("¡Bien! contar_parametros pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm, variantes
with con_referencia(globals(), sigmoide=lstm.sigmoide):
    for semilla in range(5):
        rng = generador(110 + semilla)
        n_x, n_h = (int(v) for v in rng.integers(1, 300, size=2))
        for tipo in ("rnn", "lstm", "mirilla", "acoplada"):
            comprobar_escalar(contar_parametros(tipo, n_x, n_h), variantes.numero_parametros(tipo, n_x, n_h), f"los parámetros de «{tipo}» con n_x={n_x}, n_h={n_h}")
### END HIDDEN TESTS

# %% [markdown]
# Con tu función, mira cómo crece el costo. Cuando $n_h$ es grande domina el término $n_h^2$: la LSTM cuesta cuatro veces una RNN, la acoplada tres, y las mirillas agregan $3n_h^2$: casi **tres** redes internas más (con $n_x = 10$ y $n_h = 512$, $3n_h^2$ es 2.94 veces lo que cuesta una red interna). (Con mirillas diagonales, como en el artículo original, serían solo $3n_h$.)

# %%
n_x = 10
print(f"{'n_h':>5} " + " ".join(f"{tipo:>10}" for tipo in ["rnn", "lstm", "mirilla", "acoplada"]))
for n_h in [8, 32, 128, 512]:
    print(f"{n_h:>5} " + " ".join(f"{contar_parametros(tipo, n_x, n_h):>10,}" for tipo in ["rnn", "lstm", "mirilla", "acoplada"]))


# %% [markdown]
# ## 4. La misma secuencia con cada celda
#
# Para comparar celdas necesitamos recorrer una secuencia con cualquiera de ellas. Todas las celdas de esta lección tienen la misma firma, `paso(x_t, h_prev, C_prev, p) → (h_t, C_t)`, así que basta **una sola función** que reciba el paso como argumento (en Python, una función es un valor como cualquier otro).
#
# ### Ejercicio 4 · Recorrer con cualquier celda (2 puntos)
#
# Escribe `recorrer_variante(paso, x, h0, C0, p)` que, con `x` de forma `(n_x, m, T)`, devuelva `(H, C)`, ambos de forma `(n_h, m, T)`, con `H[:, :, t]` y `C[:, :, t]` iguales a los estados **después** de leer `x[:, :, t]`. Empieza desde `h0` y `C0`.

# %% nbgrader={"grade": false, "grade_id": "recorrer_variante", "locked": false, "schema_version": 3, "solution": true}
def recorrer_variante(paso, x, h0, C0, p):
    """Recorre x (n_x, m, T) con paso(x_t, h, C, p) -> (h, C).

    h0, C0 (n_h, m)  ->  (H (n_h, m, T), C (n_h, m, T))
    """
    n_h, m = h0.shape
    T = x.shape[2]
    H = np.zeros((n_h, m, T))
    C = np.zeros((n_h, m, T))
    ### BEGIN SOLUTION
    h_t, C_t = h0, C0
    for t in range(T):
        h_t, C_t = paso(x[:, :, t], h_t, C_t, p)
        H[:, :, t] = h_t
        C[:, :, t] = C_t
    ### END SOLUTION
    return H, C


# %% nbgrader={"grade": true, "grade_id": "recorrer_variante_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
from course.pruebas import comprobar_sin_cambios

# Una «celda» de juguete: h_t = h_prev + x_t y C_t = 2·C_prev.
def paso_juguete(x_t, h_prev, C_prev, p):
    return h_prev + x_t, 2 * C_prev

h0, C0 = np.array([[0.5]]), np.array([[1.0]])
resultado = llamar(recorrer_variante, paso_juguete, np.ones((1, 1, 3)), h0, C0, {})
comprobar_sin_cambios([[0.5]], h0, "h0")
comprobar_sin_cambios([[1.0]], C0, "C0")
assert isinstance(resultado, tuple) and len(resultado) == 2, "recorrer_variante debe devolver la tupla (H, C)."
H, C = resultado
comprobar_forma(H, (1, 1, 3), "H")
comprobar_forma(C, (1, 1, 3), "C")
comprobar_cercano(H, np.array([1.5, 2.5, 3.5]).reshape(1, 1, 3), "H", errores_comunes={
    "¿empezaste desde ceros? Debes partir del h0 que recibe la función.": np.array([1.0, 2.0, 3.0]).reshape(1, 1, 3),
    "¿guardaste el estado anterior en lugar del nuevo?": np.array([0.5, 1.5, 2.5]).reshape(1, 1, 3),
})
comprobar_cercano(C, np.array([2.0, 4.0, 8.0]).reshape(1, 1, 3), "C", errores_comunes={
    "¿le pasaste C0 a todos los pasos? Cada paso recibe el C_t que dejó el anterior.": np.array([2.0, 2.0, 2.0]).reshape(1, 1, 3),
    "¿empezaste desde ceros? Debes partir del C0 que recibe la función.": np.zeros((1, 1, 3)),
})
print("¡Bien! recorrer_variante pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm, variantes
with con_referencia(globals(), sigmoide=lstm.sigmoide):
    def paso_lstm(x_t, h_prev, C_prev, p):
        h_t, C_t, _ = lstm.celda(x_t, h_prev, C_prev, p)
        return h_t, C_t

    for semilla, (paso, parametros) in enumerate([(variantes.celda_mirilla, variantes.parametros_mirilla), (variantes.celda_acoplada, variantes.parametros_acoplada), (paso_lstm, lstm.parametros_aleatorios)] * 2):
        rng = generador(120 + semilla)
        n_x, n_h, T = (int(v) for v in rng.integers(1, 6, size=3))
        m = 1 if semilla == 0 else int(rng.integers(2, 5))
        p = parametros(n_x, n_h, rng)
        x = rng.standard_normal((n_x, m, T))
        h0, C0 = np.tanh(rng.standard_normal((n_h, m))), rng.standard_normal((n_h, m))
        h0_antes, C0_antes = h0.copy(), C0.copy()
        H, C = recorrer_variante(paso, x, h0, C0, p)
        comprobar_sin_cambios(h0_antes, h0, "h0")
        comprobar_sin_cambios(C0_antes, C0, "C0")
        esperado_H, esperado_C = variantes.recorrido_variante(paso, x, h0, C0, p)
        comprobar_cercano(H, esperado_H, f"H con n_x={n_x}, n_h={n_h}, m={m}, T={T}")
        comprobar_cercano(C, esperado_C, f"C con n_x={n_x}, n_h={n_h}, m={m}, T={T}")
### END HIDDEN TESTS

# %% [markdown]
# Ahora la comparación. Las tres celdas leen **la misma secuencia** de ruido pequeño, dos veces: una tal cual y otra con un pulso fuerte en el paso 5. La diferencia entre los dos estados de la celda, $\lVert C_t^{\text{con pulso}} - C_t^{\text{sin pulso}}\rVert$, es **la huella del pulso** en la memoria: ¿cuánto tiempo la conserva cada celda? Los pesos salen del mismo generador, con escala pequeña, y el sesgo de olvido vale 1 (en la siguiente sección verás por qué).
#
# <details>
# <summary>Respuestas</summary>
#
# * **¿Cuánto tiempo conserva la huella cada celda?** Con estos pesos, la celda de código imprime:
#     * **LSTM** (112 parámetros): 0.230 en el paso 5, 1.75e-01 (0.175) diez pasos después y 9.43e-02 treinta pasos después. Conserva unas tres cuartas partes durante unos 20 pasos (la curva se queda cerca de 0.17) y luego baja despacio: el pulso también cambió $h$, y por él lo que las compuertas escriben en los pasos siguientes.
#     * **LSTM acoplada** (84 parámetros): 1.110 en el paso 5, 3.42e-02 diez pasos después y 8.99e-04 treinta pasos después. Es la que más rápido olvida: la huella cae a la mitad en unos dos pasos (1.110, 0.712, 0.476…), porque cada paso que escribe algo del ruido nuevo borra lo viejo en la misma proporción.
#     * **LSTM con mirillas** (160 parámetros): 0.312 en el paso 5, 6.48e-01 diez pasos después y 2.62e+00 treinta pasos después. La huella **crece**: las compuertas ven $C$, así que el pulso cambia también las compuertas y la celda se va a otro estado, del que no regresa en los 40 pasos.
# * Ninguno de estos números dice cuál celda será mejor después de entrenar, y con otros pesos cambian mucho: con `np.random.default_rng(5)` en lugar de `default_rng(4)`, treinta pasos después quedan 0.012 (LSTM), 0.017 (mirillas) y 0.0004 (acoplada). Lo que sí muestran es que, con la misma entrada y antes de entrenar, las tres celdas recuerdan de formas muy distintas.
#
# </details>

# %%
rng = np.random.default_rng(3)
n_x, n_h, T = 2, 4, 40
x = 0.1 * rng.standard_normal((n_x, 1, T))
x_pulso = x.copy()
x_pulso[:, :, 5] += 3.0
h0, C0 = np.zeros((n_h, 1)), np.zeros((n_h, 1))


def al_azar(rng, formas):
    return {nombre: 0.5 * rng.standard_normal(forma) for nombre, forma in formas.items()}


formas_mirilla = {f"W_{k}": (n_h, (n_h if k != "C" else 0) + n_h + n_x) for k in "fiCo"} | {f"b_{k}": (n_h, 1) for k in "fiCo"}
formas_acoplada = {f"W_{k}": (n_h, n_h + n_x) for k in "fCo"} | {f"b_{k}": (n_h, 1) for k in "fCo"}
# La LSTM estándar es la de mirillas con las columnas de C_prev en cero.
p_lstm = al_azar(np.random.default_rng(4), formas_mirilla)
for k in "fio":
    p_lstm[f"W_{k}"][:, :n_h] = 0.0
celdas = {
    "lstm": (paso_mirilla, p_lstm),
    "mirilla": (paso_mirilla, al_azar(np.random.default_rng(4), formas_mirilla)),
    "acoplada": (paso_acoplada, al_azar(np.random.default_rng(4), formas_acoplada)),
}
fig, ax = plt.subplots(figsize=(7.5, 3.2))
for tipo, (paso, p) in celdas.items():
    p["b_f"] = np.ones((n_h, 1))
    _, C_sin = recorrer_variante(paso, x, h0, C0, p)
    _, C_con = recorrer_variante(paso, x_pulso, h0, C0, p)
    huella = np.linalg.norm(C_con[:, 0, :] - C_sin[:, 0, :], axis=0)
    ax.semilogy(np.arange(T), np.maximum(huella, 1e-12), label=f"{tipo} ({contar_parametros(tipo, n_x, n_h)} parámetros)")
    print(f"{tipo:9s} huella del pulso: {huella[5]:.3f} en el paso 5, {huella[15]:.2e} diez pasos después, {huella[35]:.2e} treinta pasos después")
ax.axvline(5, color="gray", ls=":", lw=1)
ax.set_xlabel("paso t")
ax.set_ylabel("huella del pulso en C_t")
ax.legend(loc="best")
plt.show()

# %% [markdown]
# Con pesos aleatorios, las diferencias que ves dependen sobre todo de la semilla: ninguna celda «sabe» todavía qué recordar. Lo interesante es qué pasa **después de entrenar**.
#
# ## 5. ¿Cuál conviene usar?
#
# **Greff et al. (2015)**, en «LSTM: A Search Space Odyssey», entrenaron ocho variantes de la LSTM en tres tareas (reconocimiento de voz, de escritura a mano y modelado de música), con miles de combinaciones de hiperparámetros. Su conclusión: **ninguna variante mejora de forma clara a la LSTM estándar**. Acoplar las compuertas de olvido y entrada, o quitar las mirillas, no empeora mucho los resultados y ahorra parámetros; en cambio, quitar la compuerta de olvido o la activación de salida sí los empeora. Los hiperparámetros que más importan son la tasa de aprendizaje y el tamaño de la red. Las notas del curso lo resumen igual: todas obtienen resultados similares.
#
# **El sesgo de olvido.** Al empezar a entrenar, con pesos pequeños, $f_t \approx \sigma(b_f)$. Si $b_f = 0$, entonces $f_t \approx 0.5$ y la celda pierde la mitad de su memoria en cada paso: tras 10 pasos queda $0.5^{10} \approx 0.001$, y el gradiente por el carrusel se desvanece igual. **Jozefowicz, Zaremba y Sutskever (2015)** recomendaron iniciar el sesgo de olvido en 1 ($f_t \approx 0.73$) y encontraron que ese solo cambio cerraba la distancia que la GRU le sacaba a la LSTM en sus pruebas. Muchas bibliotecas lo hacen por omisión (en Keras, `unit_forget_bias=True`).

# %%
for b_f in [0.0, 1.0, 2.0]:
    f = sigmoide(b_f)
    print(f"b_f = {b_f:.0f}: f ≈ {f:.3f};  queda f^10 = {f**10:.4f} de la memoria tras 10 pasos y f^50 = {f**50:.2e} tras 50")

# %% [markdown]
# ## Resumen
#
# * **Mirillas:** las compuertas de olvido y entrada ven $C_{t-1}$, y la de salida ve el estado nuevo $C_t$. En el curso, $W_f, W_i, W_o$ son $(n_h, 2n_h + n_x)$ sobre $[C; h; x]$.
# * **Acoplada:** $C_t = f_t \odot C_{t-1} + (1 - f_t) \odot \tilde{C}_t$; se escribe exactamente donde se olvida, con una red interna menos.
# * Costo: $n_h(n_h + n_x) + n_h$ por red interna; LSTM 4, acoplada 3, mirillas 4 más $3n_h^2$.
# * Greff et al. (2015): ninguna variante gana con claridad a la LSTM estándar. Jozefowicz et al. (2015): inicia el sesgo de olvido en 1.
#
# En la siguiente lección llevamos la idea de acoplar un paso más lejos: la **GRU** junta el estado de la celda y el estado oculto en uno solo.

# %% [markdown]
# ## Cuestionario
#
# Cinco preguntas para revisar las ideas de la lección. Escribe entre comillas la letra de tu respuesta en cada celda; la prueba que la sigue solo revisa que sea una de las opciones. Al calificar, cada pregunta vale un punto y la retroalimentación explica por qué cada opción es o no es la correcta.

# %% [markdown]
# **Pregunta 1.** En la LSTM con conexiones de mirilla, ¿qué estado de la celda ve la compuerta de salida?
#
# * (a) El anterior, $C_{t-1}$, igual que las compuertas de olvido y de entrada.
# * (b) El nuevo, $C_t$, porque se calcula después de actualizar la celda.
# * (c) Ninguno: solo las compuertas de olvido y de entrada tienen mirilla.
# * (d) El valor candidato $\tilde{C}_t$.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_07_p1", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_1 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_07_p1_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_1, 1, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("07_variantes", 1, respuesta_1)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 2.** Con $n_x = 10$ y $n_h = 512$, ¿cuántos parámetros agregan las mirillas del curso (bloques completos de $n_h \times n_h$) a una LSTM estándar?
#
# * (a) $3 n_h = 1{,}536$
# * (b) $n_h^2 = 262{,}144$, casi una red interna más
# * (c) $3 n_h^2 = 786{,}432$, casi tres redes internas más
# * (d) $4 n_h^2 = 1{,}048{,}576$

# %% nbgrader={"grade": false, "grade_id": "cuestionario_07_p2", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_2 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_07_p2_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_2, 2, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("07_variantes", 2, respuesta_2)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 3.** En la LSTM acoplada, $C_t = f_t \odot C_{t-1} + (1 - f_t) \odot \tilde{C}_t$. ¿Qué puede hacer la LSTM estándar que la acoplada **no** puede?
#
# * (a) Conservar todo lo guardado sin cambios ($C_t = C_{t-1}$).
# * (b) Reemplazar todo lo guardado por el candidato ($C_t = \tilde{C}_t$).
# * (c) Conservar todo lo guardado y, en el mismo paso, sumarle el candidato completo ($C_t = C_{t-1} + \tilde{C}_t$).

# %% nbgrader={"grade": false, "grade_id": "cuestionario_07_p3", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_3 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_07_p3_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_3, 3, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("07_variantes", 3, respuesta_3)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 4.** ¿Por qué conviene iniciar el sesgo de olvido en $b_f = 1$?
#
# * (a) Al empezar, con pesos pequeños, $f_t \approx \sigma(b_f)$: con $b_f = 0$ la celda se queda con la mitad en cada paso ($0.5^{10} \approx 0.001$ tras 10 pasos) y con $b_f = 1$, $f_t \approx 0.73$ ($0.044$ tras 10 pasos), así que la memoria y el gradiente por la cinta duran más desde el principio.
# * (b) Para que el estado de la celda no crezca sin límite durante el entrenamiento.
# * (c) Porque con $b_f = 1$ la compuerta de olvido queda fija en 1 y ya no hace falta entrenarla.
# * (d) Para que la compuerta de entrada se abra más al principio y la celda escriba más.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_07_p4", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_4 = "a"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_07_p4_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_4, 4, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("07_variantes", 4, respuesta_4)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 5.** ¿Qué encontraron Greff et al. (2015) al comparar ocho variantes de la LSTM?
#
# * (a) Que las mirillas mejoran con claridad a la LSTM estándar en las tres tareas.
# * (b) Que ninguna variante mejora con claridad a la estándar; acoplar compuertas o quitar las mirillas casi no cambia los resultados, pero quitar la compuerta de olvido o la activación de salida sí los empeora.
# * (c) Que la LSTM acoplada gana a todas porque tiene menos parámetros.
# * (d) Que la compuerta de olvido se puede quitar sin perder nada.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_07_p5", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_5 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_07_p5_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_5, 5, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("07_variantes", 5, respuesta_5)
### END HIDDEN TESTS
