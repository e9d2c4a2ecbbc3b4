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
# # Lección 05 · La compuerta de salida y la LSTM completa
#
# **Tiempo estimado:** unos 120 minutos. **Antes de empezar:** las lecciones 02 a 04 (la sigmoide estable, las compuertas de olvido y de entrada, el valor candidato y la actualización del estado de la celda) y la lección 01 (el recorrido de una secuencia `(n_x, m, T)` con los mismos pesos en cada paso).
#
# La cinta ya sabe borrar (lección 02), escribir (lección 03) y actualizarse (lección 04). Falta decidir **qué parte de ella se muestra** al resto de la red en cada paso: eso hace la **compuerta de salida**. Con ella armamos la celda LSTM completa, la recorremos sobre una secuencia y, al final, eliges a mano los pesos de una LSTM diminuta que sabe si el sujeto de una frase era «el gato» o «los gatos».
#
# **Al terminar podrás:**
#
# 1. calcular la compuerta de salida $o_t = \sigma(W_o\cdot[h_{t-1}; x_t] + b_o)$ y el estado oculto $h_t = o_t \odot \tanh(C_t)$;
# 2. escribir un paso completo de la LSTM que devuelva $h_t$, $C_t$ y una caché (*cache*) con las compuertas;
# 3. recorrer una secuencia `(n_x, m, T)` desde los estados iniciales $h_0$ y $C_0$ que te den;
# 4. diseñar los pesos de una LSTM para que recuerde el número gramatical del sujeto a lo largo de una frase larga.
#
# **Cómo trabajar.** Ejecuta las celdas en orden (`Shift + Enter`). Donde veas `# TU CÓDIGO AQUÍ`, borra la línea `raise NotImplementedError(…)` y escribe tu solución. Cada ejercicio va seguido de una celda de pruebas: si no muestra error, vas bien. Al calificar se agregan pruebas ocultas con datos aleatorios, así que resuelve el caso general y no solo el ejemplo. El botón **Validate** de la barra del cuaderno corre todas las pruebas visibles a la vez.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import numpy as np
import matplotlib.pyplot as plt

from course.datos.gatos import RASGOS, codificar, frases_gatos, predecir_verbo, revisar_concordancia, verbo_correcto
from course.diagramas import diagrama_lstm
from course.paneles import panel_salida
from course.cuestionario import revisar_respuesta
from course.pruebas import comprobar_cercano, comprobar_forma, con_referencia, generador


# %% [markdown]
# ### Tus funciones de lecciones anteriores
#
# Esta lección usa funciones que escribiste antes. El curso no las trae resueltas: **copia en la celda siguiente tus propias soluciones** de las lecciones 02 a 04 (`sigmoide_estable`, `compuerta_olvido`, `compuerta_entrada`, `valor_candidato`, `actualizar_celda`) y ejecútala. Las pruebas que califican esta lección usan sus propias versiones, así que un error ahí no te cuesta puntos aquí; las pruebas visibles que las usan te lo avisan.

# %% nbgrader={"grade": false, "grade_id": "previas", "locked": false, "schema_version": 3, "solution": true}
# Copia aquí tus funciones de las lecciones 02 a 04: sigmoide_estable, compuerta_olvido, compuerta_entrada, valor_candidato, actualizar_celda.
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
### END SOLUTION


# %% [markdown]
# ## 1. Qué se muestra de la cinta
#
# El estado de la celda $C_t$ es la memoria de largo plazo; el **estado oculto** $h_t$ es lo que la celda muestra en el paso $t$: lo usan la capa de salida (para predecir) y la propia celda en el paso siguiente (entra en $[h_t; x_{t+1}]$). No todo lo guardado sirve en cada momento. En la frase «Los gatos, que la vecina encontró en la azotea, estaban…», el número del sujeto se guarda desde «gatos», pero solo importa al llegar al verbo. De ahí el nombre de la celda, *long short-term memory*: $h_t$ es la memoria de corto plazo, la que se muestra y se rehace en cada paso, y $C_t$ la de largo plazo, la que viaja por la cinta; juntas, una memoria de corto plazo que dura mucho.
#
# $$o_t = \sigma\left(W_o \cdot [h_{t-1};\, x_t] + b_o\right), \qquad h_t = o_t \odot \tanh(C_t)$$
#
# La $\tanh$ lleva el estado de la celda, que puede crecer, al intervalo $[-1, 1]$, y la compuerta de salida elige qué fracción de cada componente se muestra. En la notación con $\Gamma$: $\Gamma_o = \sigma(W_o[a^{<t-1>}, x^{<t>}] + b_o)$ y $a^{<t>} = \Gamma_o * \tanh c^{<t>}$; el estado oculto se llama $a$.

# %%
diagrama_lstm(resaltar="salida")


# %% [markdown]
# ### Ejercicio 1 · La compuerta de salida (1 punto)
#
# Escribe `compuerta_salida(x_t, h_prev, W_o, b_o)` con las formas de siempre; devuelve `o_t` `(n_h, m)`. Usa `sigmoide_estable`.

# %% nbgrader={"grade": false, "grade_id": "compuerta_salida", "locked": false, "schema_version": 3, "solution": true}
def compuerta_salida(x_t, h_prev, W_o, b_o):
    """o_t = σ(W_o·[h_prev; x_t] + b_o).

    x_t (n_x, m), h_prev (n_h, m), W_o (n_h, n_h + n_x), b_o (n_h, 1)  ->  o_t (n_h, m)
    """
    ### BEGIN SOLUTION
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    o_t = sigmoide_estable(W_o @ concatenado + b_o)
    ### END SOLUTION
    return o_t


# %% nbgrader={"grade": true, "grade_id": "compuerta_salida_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Caso cerrado: n_h = 2, n_x = 1, m = 2. A mano, W_o·[h_prev; x_t] + b_o = [[3.5, -1.5], [0.5, -2.5]].
W_o = np.array([[1.0, 0.0, 2.0],
                [0.0, -1.0, 1.0]])
h_prev = np.array([[1.0, 0.0],
                   [0.0, 1.0]])
x_t = np.array([[1.0, -1.0]])
b_o = np.array([[0.5], [-0.5]])
o_t = llamar(compuerta_salida, x_t, h_prev, W_o, b_o)
comprobar_forma(o_t, (2, 2), "o_t", pista="o_t tiene un renglón por unidad (n_h) y una columna por ejemplo (m).")
comprobar_cercano(o_t, [[0.97068777, 0.18242552], [0.62245933, 0.07585818]], "o_t", errores_comunes={
    "¿concatenaste [x; h]? El orden del curso es [h_prev; x_t]: primero h.": [[0.81757448, 0.81757448], [0.18242552, 0.62245933]],
    "¿olvidaste sumar el sesgo b_o?": [[0.95257413, 0.11920292], [0.73105858, 0.11920292]],
    "¿usaste tanh? La compuerta de salida usa la sigmoide.": [[0.9981779, -0.90514825], [0.46211716, -0.9866143]],
})
print("¡Bien! compuerta_salida pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide, compuerta_olvido=lstm.olvido, compuerta_entrada=lstm.entrada, valor_candidato=lstm.candidato, actualizar_celda=lstm.nuevo_estado):
    for semilla in range(6):
        rng = generador(500 + semilla)
        n_x, n_h = (int(v) for v in rng.integers(1, 7, size=2))
        m = 1 if semilla < 2 else int(rng.integers(2, 6))
        escala = 100.0 if semilla == 5 else 1.0
        W_o = rng.standard_normal((n_h, n_h + n_x))
        b_o = rng.standard_normal((n_h, 1))
        x_t = escala * rng.standard_normal((n_x, m))
        h_prev = np.tanh(rng.standard_normal((n_h, m)))
        comprobar_cercano(compuerta_salida(x_t, h_prev, W_o, b_o), lstm.salida(x_t, h_prev, W_o, b_o), f"o_t con n_x={n_x}, n_h={n_h}, m={m}")
### END HIDDEN TESTS

# %% [markdown]
# ### Ejercicio 2 · El estado oculto (1 punto)
#
# Escribe `estado_oculto(o_t, C_t)`; ambos `(n_h, m)`, devuelve `h_t` `(n_h, m)`.

# %% nbgrader={"grade": false, "grade_id": "estado_oculto", "locked": false, "schema_version": 3, "solution": true}
def estado_oculto(o_t, C_t):
    """h_t = o_t ⊙ tanh(C_t).

    o_t (n_h, m), C_t (n_h, m)  ->  h_t (n_h, m)
    """
    ### BEGIN SOLUTION
    h_t = o_t * np.tanh(C_t)
    ### END SOLUTION
    return h_t


# %% nbgrader={"grade": true, "grade_id": "estado_oculto_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
o_t = np.array([[1.0, 0.5],
                [0.0, 1.0]])
C_t = np.array([[0.5, 2.0],
                [1.0, -3.0]])
h_t = llamar(estado_oculto, o_t, C_t)
comprobar_forma(h_t, (2, 2), "h_t")
comprobar_cercano(h_t, [[0.46211716, 0.48201379], [0.0, -0.99505475]], "h_t", errores_comunes={
    "¿olvidaste la tanh? h_t = o_t ⊙ tanh(C_t).": [[0.5, 1.0], [0.0, -3.0]],
    "¿usaste la sigmoide sobre C_t? El estado oculto usa tanh(C_t).": [[0.62245933, 0.44039854], [0.0, 0.04742587]],
})
# Con |C_t| grande, tanh(C_t) vale ±1; escrita con np.exp desborda (e^800 es infinito) y da NaN.
h_grande = estado_oculto(np.array([[1.0], [0.5]]), np.array([[800.0], [-800.0]]))
comprobar_forma(h_grande, (2, 1), "h_t con |C_t| = 800")
assert np.all(np.isfinite(h_grande)), ("h_t con |C_t| = 800 tiene NaN o infinito: ¿escribiste tanh con np.exp? "
                                        "e^800 desborda a infinito e infinito entre infinito da NaN; usa np.tanh, que es estable.")
comprobar_cercano(h_grande, [[1.0], [-0.5]], "h_t con |C_t| = 800")
print("¡Bien! estado_oculto pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide, compuerta_olvido=lstm.olvido, compuerta_entrada=lstm.entrada, valor_candidato=lstm.candidato, actualizar_celda=lstm.nuevo_estado):
    for semilla in range(4):
        rng = generador(510 + semilla)
        n_h = int(rng.integers(1, 7))
        m = 1 if semilla == 0 else int(rng.integers(2, 6))
        o_t = rng.uniform(0, 1, size=(n_h, m))
        C_t = 5 * rng.standard_normal((n_h, m))
        comprobar_cercano(estado_oculto(o_t, C_t), lstm.oculto(o_t, C_t), f"h_t con n_h={n_h}, m={m}")
    # Celdas enormes: tanh debe saturar en ±1 sin desbordar.
    C_t = np.array([[750.0, -1000.0, 3000.0]])
    comprobar_cercano(estado_oculto(np.full((1, 3), 0.7), C_t), lstm.oculto(np.full((1, 3), 0.7), C_t), "h_t con |C_t| > 710")
### END HIDDEN TESTS

# %% [markdown]
# ## 2. Un paso completo
#
# Ya tienes las seis ecuaciones de la celda. En orden:
#
# $$\begin{aligned}
# f_t &= \sigma(W_f\cdot[h_{t-1}; x_t] + b_f) & \text{compuerta de olvido}\\
# i_t &= \sigma(W_i\cdot[h_{t-1}; x_t] + b_i) & \text{compuerta de entrada}\\
# \tilde{C}_t &= \tanh(W_C\cdot[h_{t-1}; x_t] + b_C) & \text{valor candidato}\\
# C_t &= f_t \odot C_{t-1} + i_t \odot \tilde{C}_t & \text{estado de la celda}\\
# o_t &= \sigma(W_o\cdot[h_{t-1}; x_t] + b_o) & \text{compuerta de salida}\\
# h_t &= o_t \odot \tanh(C_t) & \text{estado oculto}
# \end{aligned}$$
#
# Las funciones de las lecciones anteriores (`compuerta_olvido`, `compuerta_entrada`, `valor_candidato`, `actualizar_celda`) ya están definidas en este cuaderno. Los parámetros vienen en un diccionario `p` con las llaves `W_f, b_f, W_i, b_i, W_C, b_C, W_o, b_o`.

# %%
diagrama_lstm()


# %% [markdown]
# ### Ejercicio 3 · El paso de la LSTM (3 puntos)
#
# Escribe `paso_lstm(x_t, h_prev, C_prev, p)` que devuelva la tupla `(h_t, C_t, cache)`. `cache` es un diccionario que guarda lo necesario para la retropropagación; debe tener al menos las llaves `"f"`, `"i"`, `"C_tilde"` y `"o"` con las compuertas de este paso (puedes agregar más, como `"x_t"`, `"h_prev"` o `"C_prev"`). Usa tus `compuerta_salida` y `estado_oculto`. Ojo: $h_t$ se calcula con el estado **nuevo** $C_t$.

# %% nbgrader={"grade": false, "grade_id": "paso_lstm", "locked": false, "schema_version": 3, "solution": true}
def paso_lstm(x_t, h_prev, C_prev, p):
    """Un paso completo de la LSTM.

    x_t (n_x, m), h_prev (n_h, m), C_prev (n_h, m), p: diccionario de parámetros
    ->  (h_t (n_h, m), C_t (n_h, m), cache: diccionario con f, i, C_tilde, o, ...)
    """
    ### BEGIN SOLUTION
    f_t = compuerta_olvido(x_t, h_prev, p["W_f"], p["b_f"])
    i_t = compuerta_entrada(x_t, h_prev, p["W_i"], p["b_i"])
    C_tilde = valor_candidato(x_t, h_prev, p["W_C"], p["b_C"])
    C_t = actualizar_celda(f_t, C_prev, i_t, C_tilde)
    o_t = compuerta_salida(x_t, h_prev, p["W_o"], p["b_o"])
    h_t = estado_oculto(o_t, C_t)
    cache = {"x_t": x_t, "h_prev": h_prev, "C_prev": C_prev, "f": f_t, "i": i_t, "C_tilde": C_tilde, "o": o_t}
    ### END SOLUTION
    return h_t, C_t, cache


# %% nbgrader={"grade": true, "grade_id": "paso_lstm_prueba", "locked": true, "points": 3, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
def revisar_paso(resultado, esperado, que, errores_h=None, errores_C=None):
    # Compara (h_t, C_t, cache) con lo esperado.
    assert isinstance(resultado, tuple) and len(resultado) == 3, "paso_lstm debe devolver la tupla (h_t, C_t, cache)."
    h_t, C_t, cache = resultado
    h_ref, C_ref, cache_ref = esperado
    comprobar_cercano(C_t, C_ref, f"C_t {que}", errores_comunes=errores_C)
    comprobar_cercano(h_t, h_ref, f"h_t {que}", errores_comunes=errores_h)
    assert isinstance(cache, dict), "cache debe ser un diccionario."
    for llave in ("f", "i", "C_tilde", "o"):
        assert llave in cache, f"Falta la llave «{llave}» en cache: la retropropagación necesita las cuatro compuertas."
        comprobar_cercano(cache[llave], cache_ref[llave], f"cache['{llave}'] {que}")


# Esta prueba cambia las piezas del paso por unas de juguete que NO son las de la LSTM: cada compuerta
# y el candidato devuelven su sesgo, la celda devuelve 2·C_prev + f + 3·i + C̃ y el estado oculto o + 10·C_t.
# Así califica solo cómo armas el paso.
def compuerta_de_juguete(x_t, h_prev, W, b):
    return b + np.zeros((b.shape[0], x_t.shape[1]))


def celda_de_juguete(f_t, C_prev, i_t, C_tilde):
    return 2 * C_prev + f_t + 3 * i_t + C_tilde


def oculto_de_juguete(o_t, C_t):
    return o_t + 10 * C_t


piezas = {"compuerta_olvido": compuerta_de_juguete, "compuerta_entrada": compuerta_de_juguete,
          "valor_candidato": compuerta_de_juguete, "compuerta_salida": compuerta_de_juguete,
          "actualizar_celda": celda_de_juguete, "estado_oculto": oculto_de_juguete}
with con_referencia(globals(), **piezas):
    # Pesos en cero (n_h = n_x = 1, m = 2) y sesgos b_f = 2, b_i = -1, b_C = 1, b_o = 0.5.
    p = {}
    for nombre, sesgo in (("f", 2.0), ("i", -1.0), ("C", 1.0), ("o", 0.5)):
        p[f"W_{nombre}"] = np.zeros((1, 2))
        p[f"b_{nombre}"] = np.array([[sesgo]])
    resultado = llamar(paso_lstm, np.ones((1, 2)), np.zeros((1, 2)), np.array([[1.0, -1.0]]), p)
assert isinstance(resultado, tuple) and len(resultado) == 3, "paso_lstm debe devolver la tupla (h_t, C_t, cache)."
h_t, C_t, cache = resultado
# A mano: C_t = 2·C_prev + 2 − 3 + 1 = 2·C_prev;  h_t = 0.5 + 10·C_t
comprobar_cercano(C_t, [[2.0, -2.0]], "C_t con las piezas de juguete", errores_comunes={
    "¿intercambiaste las compuertas de olvido y de entrada? f multiplica a C_prev; i, al candidato.": [[8.0, 4.0]],
})
comprobar_cercano(h_t, [[20.5, -19.5]], "h_t con las piezas de juguete", errores_comunes={
    "¿calculaste h_t con C_prev? El estado oculto usa el estado nuevo C_t.": [[10.5, -9.5]],
})
assert isinstance(cache, dict), "cache debe ser un diccionario."
for llave, valor in (("f", 2.0), ("i", -1.0), ("C_tilde", 1.0), ("o", 0.5)):
    assert llave in cache, f"Falta la llave «{llave}» en cache: la retropropagación necesita las cuatro compuertas."
    comprobar_cercano(cache[llave], np.full((1, 2), valor), f"cache['{llave}'] con las piezas de juguete")
print("¡Bien! paso_lstm pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide, compuerta_olvido=lstm.olvido, compuerta_entrada=lstm.entrada, valor_candidato=lstm.candidato, actualizar_celda=lstm.nuevo_estado):
    with con_referencia(globals(), compuerta_salida=lstm.salida, estado_oculto=lstm.oculto):
        for semilla in range(6):
            rng = generador(520 + semilla)
            n_x, n_h = (int(v) for v in rng.integers(1, 6, size=2))
            m = 1 if semilla < 2 else int(rng.integers(2, 5))
            escala = 50.0 if semilla == 5 else 1.0
            p = lstm.parametros_aleatorios(n_x, n_h, rng)
            x_t = escala * rng.standard_normal((n_x, m))
            h_prev = np.tanh(rng.standard_normal((n_h, m)))
            C_prev = 2 * rng.standard_normal((n_h, m))
            revisar_paso(paso_lstm(x_t, h_prev, C_prev, p), lstm.celda(x_t, h_prev, C_prev, p), f"con n_x={n_x}, n_h={n_h}, m={m}")
### END HIDDEN TESTS

# %% [markdown]
# ## 3. La LSTM sobre una secuencia
#
# Como la RNN de la lección 01, la LSTM aplica **la misma celda con los mismos pesos** en cada paso, pero ahora pasa **dos** memorias de un paso al siguiente: $h_t$ y $C_t$. Los estados iniciales $h_0$ y $C_0$ los da quien llama a la función (a veces son ceros, a veces lo que dejó la secuencia anterior).
#
# ### Ejercicio 4 · La LSTM hacia adelante (2 puntos)
#
# Escribe `lstm_adelante(x, h0, C0, p)`: con `x` de forma `(n_x, m, T)` devuelve la tupla `(H, C, caches)`, donde `H` y `C` son `(n_h, m, T)` con los estados **después** de leer `x[:, :, t]`, y `caches` es la lista de los `T` diccionarios de caché en orden. Parte de los `h0` y `C0` que recibes y usa tu `paso_lstm`.

# %% nbgrader={"grade": false, "grade_id": "lstm_adelante", "locked": false, "schema_version": 3, "solution": true}
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
    ### BEGIN SOLUTION
    h, c = h0, C0
    for t in range(T):
        h, c, cache = paso_lstm(x[:, :, t], h, c, p)
        H[:, :, t] = h
        C[:, :, t] = c
        caches.append(cache)
    ### END SOLUTION
    return H, C, caches


# %% nbgrader={"grade": true, "grade_id": "lstm_adelante_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
from course.pruebas import comprobar_sin_cambios

# Esta prueba cambia paso_lstm por un paso de juguete que NO es la LSTM: C_t = C_prev + x_t y
# h_t = h_prev + C_t. Así califica solo tu recorrido.
def paso_de_juguete(x_t, h_prev, C_prev, p):
    C_t = C_prev + x_t
    return h_prev + C_t, C_t, {"x_t": x_t, "C_t": C_t}


h0, C0 = np.array([[0.5]]), np.array([[2.0]])
with con_referencia(globals(), paso_lstm=paso_de_juguete):
    # n_h = n_x = 1, m = 1, T = 3, desde h0 = 0.5 y C0 = 2.
    resultado = llamar(lstm_adelante, np.array([1.0, -1.0, 0.5]).reshape(1, 1, 3), h0, C0, {})
comprobar_sin_cambios([[0.5]], h0, "h0")
comprobar_sin_cambios([[2.0]], C0, "C0")
assert isinstance(resultado, tuple) and len(resultado) == 3, "lstm_adelante debe devolver la tupla (H, C, caches)."
H, C, caches = resultado
comprobar_forma(H, (1, 1, 3), "H", pista="H guarda un estado (n_h, m) por cada uno de los T pasos.")
comprobar_forma(C, (1, 1, 3), "C", pista="C guarda un estado (n_h, m) por cada uno de los T pasos.")
# A mano: C = 3, 2, 2.5;  h = 0.5 + 3 = 3.5, 3.5 + 2 = 5.5, 5.5 + 2.5 = 8
comprobar_cercano(H, np.array([3.5, 5.5, 8.0]).reshape(1, 1, 3), "H", errores_comunes={
    "¿empezaste con h0 en ceros? Debes partir del h0 que recibe la función.": np.array([3.0, 5.0, 7.5]).reshape(1, 1, 3),
    "¿empezaste con C0 en ceros? Debes partir del C0 que recibe la función.": np.array([1.5, 1.5, 2.0]).reshape(1, 1, 3),
    "¿empezaste desde ceros? Debes partir de los h0 y C0 que recibe la función.": np.array([1.0, 1.0, 1.5]).reshape(1, 1, 3),
    "¿guardaste el estado anterior en lugar del nuevo? H[:, :, t] es el estado después de leer x[:, :, t].": np.array([0.5, 3.5, 5.5]).reshape(1, 1, 3),
})
comprobar_cercano(C, np.array([3.0, 2.0, 2.5]).reshape(1, 1, 3), "C", errores_comunes={
    "¿guardaste C_(t-1) donde va C_t? C[:, :, t] es el estado después de leer x[:, :, t].": np.array([2.0, 3.0, 2.0]).reshape(1, 1, 3),
})
assert isinstance(caches, list) and len(caches) == 3, "caches debe ser una lista con un diccionario por paso (T = 3)."
assert len({id(cache) for cache in caches}) == 3, ("Los elementos de caches son el mismo diccionario: guarda la caché "
                                                   "que devuelve paso_lstm en cada paso, no un diccionario que reescribes.")
for t, (x_t, C_t) in enumerate(((1.0, 3.0), (-1.0, 2.0), (0.5, 2.5))):
    comprobar_cercano(caches[t]["x_t"], [[x_t]], f"caches[{t}]['x_t']", pista="caches[t] es la caché del paso t, en orden.")
    comprobar_cercano(caches[t]["C_t"], [[C_t]], f"caches[{t}]['C_t']", pista="caches[t] es la caché del paso t, en orden.")
print("¡Bien! lstm_adelante pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide, compuerta_olvido=lstm.olvido, compuerta_entrada=lstm.entrada, valor_candidato=lstm.candidato, actualizar_celda=lstm.nuevo_estado):
    with con_referencia(globals(), paso_lstm=lstm.celda):
        for semilla in range(5):
            rng = generador(530 + semilla)
            n_x, n_h, T = (int(v) for v in rng.integers(1, 6, size=3))
            m = 1 if semilla == 0 else int(rng.integers(2, 5))
            p = lstm.parametros_aleatorios(n_x, n_h, rng)
            x = rng.standard_normal((n_x, m, T))
            h0 = np.tanh(rng.standard_normal((n_h, m)))
            C0 = 2 * rng.standard_normal((n_h, m))
            h0_antes, C0_antes = h0.copy(), C0.copy()
            H, C, caches = lstm_adelante(x, h0, C0, p)
            comprobar_sin_cambios(h0_antes, h0, "h0")
            comprobar_sin_cambios(C0_antes, C0, "C0")
            H_ref, C_ref, caches_ref = lstm.recorrido(x, h0, C0, p)
            que = f"con n_x={n_x}, n_h={n_h}, m={m}, T={T}"
            comprobar_cercano(H, H_ref, f"H {que}")
            comprobar_cercano(C, C_ref, f"C {que}")
            assert len(caches) == T, f"caches debe tener T = {T} elementos."
            assert len({id(cache) for cache in caches}) == T, "Los elementos de caches son el mismo diccionario: guarda la caché de cada paso."
            for t in range(T):
                for clave in ("f", "i", "C_t", "h_prev"):
                    comprobar_cercano(caches[t][clave], caches_ref[t][clave], f"caches[{t}]['{clave}'] {que}")
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Juega con las tres compuertas
#
# En el panel, una unidad recibe una secuencia de candidatos: un pulso de $+0.9$ y, más tarde, uno de $-0.9$ (las barras naranjas). Las tres compuertas son constantes en el tiempo.
#
# * Con $f = 1$ e $i = 1$, ¿qué le pasa a $C_t$? ¿Y a $h_t$? (La $\tanh$ impide que $h_t$ pase de 1.)
# * Con $o = 0$ la cinta sigue guardando todo, pero $h_t$ no muestra nada: la memoria está ahí, escondida.
# * ¿Qué $f$ hace que el segundo pulso borre por completo al primero?
#
# <details>
# <summary>Respuestas</summary>
#
# * **Con $f = 1$ e $i = 1$, ¿qué le pasa a $C_t$? ¿Y a $h_t$?** Sin olvido y con la entrada abierta, la cinta suma todo lo que llega: $C_t$ sube $0.9$ en cada paso del primer pulso (0.9, 1.8, 2.7, 3.6, 4.5), se queda en **4.5** durante los 15 pasos sin candidato (no pierde nada) y baja de vuelta a 0 con el pulso de $-0.9$. $h_t = \tanh(C_t)$ vale 0.716, 0.947, 0.991… y se queda pegado en **1.000** (la $\tanh$ satura: $\tanh(4.5) \approx 0.9998$); el panel dice «Mayor |C_t| = 4.500; mayor |h_t| = 1.000; al final h_T = 0.000». La cinta puede crecer; lo que se muestra, no.
# * **Con $o = 0$, ¿qué se ve?** $h_t = 0$ en todos los pasos, mientras $C_t$ traza exactamente la misma curva que con $o = 1$ (con los valores iniciales $f = 0.9$, $i = 0.5$, llega a 1.843 y termina en $-0.333$). La compuerta de salida no borra nada: solo decide qué se muestra.
# * **¿Qué $f$ hace que el segundo pulso borre por completo al primero?** $f = 1$ (con cualquier $i > 0$): lo escrito no se desgasta, así que los cinco pasos de $-0.9\,i$ restan exactamente lo que sumaron los cinco de $+0.9\,i$, y $C_t$ y $h_t$ terminan en 0. Con $f < 1$ el primer pulso ya se había desgastado cuando llega el segundo y este deja la cinta en negativo: con $f = 0.9$, $i = 0.5$, el primer pulso baja a 0.379 y el segundo lleva $C_t$ a $-1.619$ ($h_T = -0.321$). Con $f = 0$ no hace falta el segundo pulso: la cinta se vacía sola en cuanto termina el primero.
#
# </details>

# %%
panel_salida().mostrar()

# %% [markdown]
# ## 5. ¿«estaba» o «estaban»? Los gatos en plural
#
# Al leer «**Los gatos**, que la vecina encontró en la azotea durante la tormenta de anoche, **estaban** empapados», una persona recuerda durante toda la cláusula que el sujeto era plural. Una RNN simple lo olvida en unas cuantas palabras; una LSTM puede guardarlo en su cinta tanto como haga falta.
#
# Vamos a construir esa LSTM **a mano**, con una sola unidad ($n_h = 1$). De cada palabra la red ve tres rasgos, $x_t = [\text{¿es «gato»?};\ \text{¿es «gatos»?};\ \text{¿es otra palabra?}]$, cada uno 0 o 1, así que $n_x = 3$ y cada $W$ tiene forma `(1, 4)`, con columnas en el orden $[h_{t-1};\ \text{gato};\ \text{gatos};\ \text{otra}]$. La red empieza con $h_0 = C_0 = 0$ y, al terminar la frase, **decide por el signo** de $h_T$: «estaban» si $h_T > 0.1$, «estaba» si $h_T < -0.1$ y, en medio, no se decide (cuenta como error).

# %%
for frase in frases_gatos(4, n_clausulas=1, semilla=5):
    print(" ".join(frase), "___", f"(correcto: {verbo_correcto(frase)})")
print()
print("Rasgos de «los gatos en la casa», un renglón por rasgo:", RASGOS)
print(codificar("los gatos en la casa".split())[:, 0, :])

# %% [markdown]
# Una red con todos los pesos en cero nunca escribe en la cinta, así que no se decide:

# %%
ceros = {}
for nombre in ("f", "i", "C", "o"):
    ceros[f"W_{nombre}"] = np.zeros((1, 4))
    ceros[f"b_{nombre}"] = np.zeros((1, 1))
frase = frases_gatos(1, n_clausulas=1, semilla=2)[0]
print(" ".join(frase), "→", predecir_verbo(ceros, frase))


# %% [markdown]
# ### Ejercicio 5 · Una LSTM que concuerda (3 puntos)
#
# Escribe `pesos_gatos()` que devuelva el diccionario `p` con las ocho llaves `W_f, b_f, W_i, b_i, W_C, b_C, W_o, b_o` (cada `W` de forma `(1, 4)`, cada `b` de forma `(1, 1)`) para que la red elija bien el verbo. Piensa en el guion de la lección 04, una compuerta a la vez:
#
# * **Valor candidato**: ¿qué debe proponer al ver «gato»? ¿Y al ver «gatos»? Usa signos opuestos y pesos grandes (con 5, $\tanh$ ya vale casi $\pm 1$).
# * **Compuerta de entrada**: solo debe abrirse en el sujeto. Con pesos de $\pm 10$ la sigmoide queda en casi 0 o casi 1.
# * **Compuerta de olvido**: durante la cláusula hay que **guardar**. Pero cuidado: con $f = 0.9$ quedaría $0.9^{60} \approx 0.002$ tras 60 palabras.
# * **Compuerta de salida**: al final hay que **mostrar** la cinta.
#
# La prueba visible usa frases cortas como las de arriba; al calificar, la red debe acertar en frases **mucho más largas** (de más de 50 palabras) que no has visto.

# %% nbgrader={"grade": false, "grade_id": "pesos_gatos", "locked": false, "schema_version": 3, "solution": true}
def pesos_gatos():
    """Pesos de una LSTM con n_h = 1 y n_x = 3 que recuerda si el sujeto es singular o plural.

    ->  diccionario con W_f, W_i, W_C, W_o (1, 4) y b_f, b_i, b_C, b_o (1, 1);
        columnas de cada W: [h_prev, «gato», «gatos», otra palabra]
    """
    ### BEGIN SOLUTION
    W_f = np.array([[0.0, 0.0, 0.0, 0.0]])
    b_f = np.array([[10.0]])
    W_i = np.array([[0.0, 10.0, 10.0, -10.0]])
    b_i = np.array([[0.0]])
    W_C = np.array([[0.0, -5.0, 5.0, 0.0]])
    b_C = np.array([[0.0]])
    W_o = np.array([[0.0, 0.0, 0.0, 0.0]])
    b_o = np.array([[10.0]])
    ### END SOLUTION
    return {"W_f": W_f, "b_f": b_f, "W_i": W_i, "b_i": b_i, "W_C": W_C, "b_C": b_C, "W_o": W_o, "b_o": b_o}


# %% nbgrader={"grade": true, "grade_id": "pesos_gatos_prueba", "locked": true, "points": 3, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
p = llamar(pesos_gatos)
assert isinstance(p, dict), "pesos_gatos debe devolver un diccionario."
for nombre in ("f", "i", "C", "o"):
    assert f"W_{nombre}" in p and f"b_{nombre}" in p, f"Faltan W_{nombre} o b_{nombre} en el diccionario."
    comprobar_forma(p[f"W_{nombre}"], (1, 4), f"W_{nombre}", pista="Columnas: [h_prev, «gato», «gatos», otra palabra].")
    comprobar_forma(p[f"b_{nombre}"], (1, 1), f"b_{nombre}")
# Frases cortas, como las de arriba, y frases largas (10 cláusulas, más de 40 palabras): la red debe
# recordar el sujeto hasta el verbo aunque haya mucho relleno en medio.
revisar_concordancia(p, frases_gatos(20, n_clausulas=1, semilla=5))
revisar_concordancia(p, frases_gatos(10, n_clausulas=10, semilla=6))
for frase in frases_gatos(2, n_clausulas=1, semilla=5):
    verbo, h_T = predecir_verbo(p, frase)
    print(" ".join(frase), verbo, f"(h_T = {h_T:.3f})")
print("¡Bien! pesos_gatos pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide, compuerta_olvido=lstm.olvido, compuerta_entrada=lstm.entrada, valor_candidato=lstm.candidato, actualizar_celda=lstm.nuevo_estado):
    # Frases mucho más largas que las mostradas: de 10 a 15 cláusulas (más de 50 palabras).
    for semilla, n_clausulas in ((550, 10), (551, 12), (552, 15)):
        revisar_concordancia(p, frases_gatos(30, n_clausulas=n_clausulas, semilla=semilla))
### END HIDDEN TESTS

# %% [markdown]
# ## Resumen
#
# * La **compuerta de salida** $o_t = \sigma(W_o\cdot[h_{t-1}; x_t] + b_o)$ decide qué parte de la cinta se muestra; el **estado oculto** es $h_t = o_t \odot \tanh(C_t)$, con el estado **nuevo**.
# * Un paso de la LSTM son seis ecuaciones; la caché guarda las compuertas para la retropropagación.
# * Sobre una secuencia, la celda pasa dos memorias de un paso al siguiente, $h_t$ y $C_t$, a partir de los $h_0$ y $C_0$ que se le den.
# * Con las compuertas bien puestas, una sola unidad recuerda el número del sujeto a lo largo de decenas de palabras: escribe en el sujeto ($i \approx 1$), guarda durante la cláusula ($f \approx 1$, $i \approx 0$) y muestra al final ($o \approx 1$).
#
# En la práctica nadie elige los pesos a mano: se aprenden con retropropagación a través del tiempo, usando justamente lo que guardaste en `cache`.

# %% [markdown]
# ## Cuestionario
#
# Cinco preguntas para revisar las ideas de la lección. Escribe entre comillas la letra de tu respuesta en cada celda; la prueba que la sigue solo revisa que sea una de las opciones. Al calificar, cada pregunta vale un punto y la retroalimentación explica por qué cada opción es o no es la correcta.

# %% [markdown]
# **Pregunta 1.** En una LSTM, la compuerta de salida vale $o_t = 0$ en todos los pasos de una secuencia. ¿Qué pasa?
#
# * (a) El estado de la celda se borra en cada paso, así que la LSTM no recuerda nada.
# * (b) El estado de la celda sigue guardando y actualizándose, pero $h_t = 0$: la memoria está ahí, sin mostrarse.
# * (c) El estado oculto copia sin filtro al estado de la celda: $h_t = C_t$.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_05_p1", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_1 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_05_p1_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_1, 1, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("05_compuerta_salida", 1, respuesta_1)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 2.** En un paso, el estado nuevo de la celda es $C_t = -3$ y la compuerta de salida es $o_t = 1$. ¿Cuánto vale $h_t$?
#
# * (a) $-3$
# * (b) alrededor de $-0.995$
# * (c) $0$
# * (d) alrededor de $0.047$

# %% nbgrader={"grade": false, "grade_id": "cuestionario_05_p2", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_2 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_05_p2_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_2, 2, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("05_compuerta_salida", 2, respuesta_2)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 3.** ¿Cuántos números (pesos y sesgos) hay en el diccionario que devuelve `pesos_gatos()`, la LSTM de una unidad ($n_h = 1$) que lee tres rasgos por palabra ($n_x = 3$)?
#
# * (a) 12
# * (b) 16
# * (c) 20

# %% nbgrader={"grade": false, "grade_id": "cuestionario_05_p3", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_3 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_05_p3_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_3, 3, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("05_compuerta_salida", 3, respuesta_3)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 4.** En `pesos_gatos`, ¿por qué la compuerta de olvido debe valer casi 1 durante la cláusula de relleno, y no $0.9$?
#
# * (a) Con $f = 0.9$ lo guardado se multiplica por 0.9 en cada palabra: tras 60 palabras queda $0.9^{60} \approx 0.002$ de lo que se escribió en el sujeto y $h_T$ cae en la franja en que la red no se decide.
# * (b) Con $f = 0.9$ el estado de la celda crece sin límite a lo largo de la frase y la $\tanh$ satura.
# * (c) Con $f = 0.9$ la compuerta de entrada también queda en 0.9 y la cláusula de relleno sobrescribe el número del sujeto.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_05_p4", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_4 = "a"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_05_p4_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_4, 4, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("05_compuerta_salida", 4, respuesta_4)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 5.** El nombre *long short-term memory* habla de una memoria de corto plazo que dura mucho. En la celda, ¿cuál es la memoria de corto plazo y cuál la de largo plazo?
#
# * (a) $C_t$ es la de corto plazo y $h_t$ la de largo plazo.
# * (b) $h_t$ es la de corto plazo (se muestra y se rehace en cada paso) y $C_t$ la de largo plazo (viaja por la cinta).
# * (c) Las compuertas son la memoria de corto plazo y los pesos $W$ la de largo plazo.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_05_p5", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_5 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_05_p5_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_5, 5, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("05_compuerta_salida", 5, respuesta_5)
### END HIDDEN TESTS
