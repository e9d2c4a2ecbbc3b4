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
# # Lección 03 · La compuerta de entrada y el valor candidato
#
# **Tiempo estimado:** unos 60 minutos. **Antes de empezar:** la lección 02 (la cinta, tu `sigmoide_estable` y la compuerta de olvido sobre $[h_{t-1}; x_t]$), y el producto matricial con `@`.
#
# En la lección 02 la celda aprendió a **borrar** de la cinta con la compuerta de olvido. Ahora le toca **escribir**. Escribir tiene dos partes: decidir **qué** valor nuevo podría guardarse (el **valor candidato** $\tilde{C}_t$) y decidir **cuánto** de él se guarda de verdad (la **compuerta de entrada** $i_t$).
#
# **Al terminar podrás:**
#
# 1. calcular la compuerta de entrada $i_t = \sigma(W_i\cdot[h_{t-1}; x_t] + b_i)$;
# 2. calcular el valor candidato $\tilde{C}_t = \tanh(W_C\cdot[h_{t-1}; x_t] + b_C)$ y explicar por qué usa $\tanh$ y no $\sigma$;
# 3. calcular lo que se escribe en la cinta, $i_t \odot \tilde{C}_t$, con el producto elemento a elemento;
# 4. juntar las tres piezas a partir de un diccionario de parámetros.
#
# **Cómo trabajar.** Ejecuta las celdas en orden (`Shift + Enter`). Donde veas `# TU CÓDIGO AQUÍ`, borra la línea `raise NotImplementedError(…)` y escribe tu solución. Cada ejercicio va seguido de una celda de pruebas: si no muestra error, vas bien. Al calificar se agregan pruebas ocultas con datos aleatorios, así que resuelve el caso general y no solo el ejemplo. El botón **Validate** de la barra del cuaderno corre todas las pruebas visibles a la vez.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import numpy as np
import matplotlib.pyplot as plt

from course.cuestionario import revisar_respuesta
from course.diagramas import diagrama_lstm
from course.paneles import panel_entrada
from course.pruebas import comprobar_cercano, comprobar_forma, con_referencia, generador


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


# %% [markdown]
# ## 1. Dos redes para escribir
#
# Recuerda la cinta: en cada paso el estado de la celda se multiplica por la compuerta de olvido y **se le suma** algo nuevo. Ese «algo nuevo» sale de dos redes pequeñas que, como la compuerta de olvido, leen $[h_{t-1}; x_t]$:
#
# $$i_t = \sigma\left(W_i \cdot [h_{t-1};\, x_t] + b_i\right) \qquad\text{(compuerta de entrada: cuánto escribir)}$$
#
# $$\tilde{C}_t = \tanh\left(W_C \cdot [h_{t-1};\, x_t] + b_C\right) \qquad\text{(valor candidato: qué escribir)}$$
#
# $$i_t \odot \tilde{C}_t \qquad\text{(lo que se escribe en la cinta)}$$
#
# En las diapositivas con corchetes lo que se escribe se llama $e^{[t+1]} = i^{[t+1]} \odot \hat{C}^{[t+1]}$, y en la notación con $\Gamma$ la compuerta de entrada es $\Gamma_u$ (de *update*): son los mismos objetos (la tabla completa está en la lección 02).
#
# **¿Por qué $\tanh$ en el candidato?** La compuerta de entrada es una llave: un número entre 0 y 1 que dice qué fracción dejar pasar, y para eso sirve la sigmoide. El candidato, en cambio, es el **contenido** que se escribe, y el contenido puede ser positivo o negativo: con $\tanh$ la cinta puede subir o bajar, sin salirse de $[-1, 1]$ en cada escritura. Si el candidato usara la sigmoide, la celda solo podría sumar valores positivos: con $f_t < 1$ el estado seguiría acotado, pero nunca podría escribir un valor negativo, como el $-0.9$ de «singular» del ejemplo de abajo.
#
# **Un ejemplo.** En un modelo de lenguaje que lee «Los gatos, que ya habían comido…», al llegar a «gatos» la red quiere guardar que el sujeto es plural: el candidato propone un valor (digamos $+0.9$ para plural, $-0.9$ para singular) y la compuerta de entrada se abre ($i_t \approx 1$) solo en la palabra que es sujeto. En las demás palabras $i_t \approx 0$ y la cinta no se toca.

# %%
diagrama_lstm(resaltar="entrada")


# %% [markdown]
# ### Ejercicio 1 · La compuerta de entrada (2 puntos)
#
# Escribe `compuerta_entrada(x_t, h_prev, W_i, b_i)` con las formas del curso: `x_t` `(n_x, m)`, `h_prev` `(n_h, m)`, `W_i` `(n_h, n_h + n_x)`, `b_i` `(n_h, 1)`; devuelve `i_t` `(n_h, m)`. Usa `sigmoide_estable` (ya está definida arriba).

# %% nbgrader={"grade": false, "grade_id": "compuerta_entrada", "locked": false, "schema_version": 3, "solution": true}
def compuerta_entrada(x_t, h_prev, W_i, b_i):
    """i_t = σ(W_i·[h_prev; x_t] + b_i).

    x_t (n_x, m), h_prev (n_h, m), W_i (n_h, n_h + n_x), b_i (n_h, 1)  ->  i_t (n_h, m)
    """
    ### BEGIN SOLUTION
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    i_t = sigmoide_estable(W_i @ concatenado + b_i)
    ### END SOLUTION
    return i_t


# %% nbgrader={"grade": true, "grade_id": "compuerta_entrada_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Pesos en cero: la compuerta vale σ(b_i) = 0.5 con b_i = 0.
i_t = llamar(compuerta_entrada, np.ones((3, 4)), np.ones((2, 4)), np.zeros((2, 5)), np.zeros((2, 1)))
comprobar_forma(i_t, (2, 4), "i_t", pista="i_t tiene un renglón por unidad (n_h) y una columna por ejemplo (m).")
comprobar_cercano(i_t, np.full((2, 4), 0.5), "i_t con pesos y sesgo en cero", errores_comunes={
    "Con pesos en cero obtuviste 0: ¿usaste tanh o recortaste con np.clip? La compuerta de entrada usa la sigmoide, y σ(0) = 0.5.": np.zeros((2, 4)),
})
# Caso cerrado: n_h = 2, n_x = 1, m = 2. A mano, W_i·[h_prev; x_t] + b_i = [[1, -3], [3, 3]].
W_i = np.array([[2.0, 1.0, -1.0],
                [0.0, 1.0, 1.0]])
h_prev = np.array([[0.5, -0.5],
                   [1.0, 0.0]])
x_t = np.array([[1.0, 2.0]])
b_i = np.array([[0.0], [1.0]])
comprobar_cercano(compuerta_entrada(x_t, h_prev, W_i, b_i), [[0.73105858, 0.04742587], [0.95257413, 0.95257413]], "i_t", errores_comunes={
    "¿concatenaste [x; h]? El orden del curso es [h_prev; x_t]: primero h.": [[0.81757448, 0.97068777], [0.92414182, 0.62245933]],
    "¿olvidaste sumar el sesgo b_i?": [[0.73105858, 0.04742587], [0.88079708, 0.88079708]],
    "¿usaste tanh? La compuerta de entrada usa la sigmoide.": [[0.76159416, -0.99505475], [0.99505475, 0.99505475]],
    "¿recortaste con np.clip? La compuerta de entrada es la sigmoide: suave, nunca exactamente 0 ni 1.": [[1.0, 0.0], [1.0, 1.0]],
})
print("¡Bien! compuerta_entrada pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide):
    for semilla in range(6):
        rng = generador(300 + semilla)
        n_x, n_h = (int(v) for v in rng.integers(1, 7, size=2))
        m = 1 if semilla < 2 else int(rng.integers(2, 6))
        escala = 100.0 if semilla == 5 else 1.0
        W_i = rng.standard_normal((n_h, n_h + n_x))
        b_i = rng.standard_normal((n_h, 1))
        x_t = escala * rng.standard_normal((n_x, m))
        h_prev = np.tanh(rng.standard_normal((n_h, m)))
        comprobar_cercano(compuerta_entrada(x_t, h_prev, W_i, b_i), lstm.entrada(x_t, h_prev, W_i, b_i), f"i_t con n_x={n_x}, n_h={n_h}, m={m}")
### END HIDDEN TESTS

# %% [markdown]
# ### Ejercicio 2 · El valor candidato (2 puntos)
#
# Escribe `valor_candidato(x_t, h_prev, W_C, b_C)`: misma entrada y mismas formas que la compuerta de entrada, pero con $\tanh$ (`np.tanh`). Devuelve `C_tilde` `(n_h, m)`.

# %% nbgrader={"grade": false, "grade_id": "valor_candidato", "locked": false, "schema_version": 3, "solution": true}
def valor_candidato(x_t, h_prev, W_C, b_C):
    """C̃_t = tanh(W_C·[h_prev; x_t] + b_C).

    x_t (n_x, m), h_prev (n_h, m), W_C (n_h, n_h + n_x), b_C (n_h, 1)  ->  C_tilde (n_h, m)
    """
    ### BEGIN SOLUTION
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    C_tilde = np.tanh(W_C @ concatenado + b_C)
    ### END SOLUTION
    return C_tilde


# %% nbgrader={"grade": true, "grade_id": "valor_candidato_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Pesos en cero: el candidato vale tanh(b_C).
C_tilde = llamar(valor_candidato, np.ones((1, 3)), np.ones((2, 3)), np.zeros((2, 3)), np.array([[0.0], [1.0]]))
comprobar_forma(C_tilde, (2, 3), "C_tilde", pista="C_tilde tiene la forma del estado de la celda, (n_h, m).")
comprobar_cercano(C_tilde, [[0.0, 0.0, 0.0], [0.76159416, 0.76159416, 0.76159416]], "C_tilde con pesos cero", errores_comunes={
    "¿usaste la sigmoide? El valor candidato usa tanh: puede ser negativo.": [[0.5, 0.5, 0.5], [0.73105858, 0.73105858, 0.73105858]],
    "¿olvidaste sumar el sesgo b_C? Con pesos cero el candidato vale tanh(b_C).": np.zeros((2, 3)),
})
# El mismo caso cerrado del ejercicio 1: W_C·[h_prev; x_t] + b_C = [[1, -3], [3, 3]].
W_C = np.array([[2.0, 1.0, -1.0],
                [0.0, 1.0, 1.0]])
h_prev = np.array([[0.5, -0.5],
                   [1.0, 0.0]])
x_t = np.array([[1.0, 2.0]])
b_C = np.array([[0.0], [1.0]])
comprobar_cercano(valor_candidato(x_t, h_prev, W_C, b_C), [[0.76159416, -0.99505475], [0.99505475, 0.99505475]], "C_tilde", errores_comunes={
    "¿concatenaste [x; h]? El orden del curso es [h_prev; x_t]: primero h.": [[0.90514825, 0.9981779], [0.9866143, 0.46211716]],
    "¿olvidaste sumar el sesgo b_C?": [[0.76159416, -0.99505475], [0.96402758, 0.96402758]],
    "¿usaste la sigmoide? El valor candidato usa tanh: puede ser negativo.": [[0.73105858, 0.04742587], [0.95257413, 0.95257413]],
})
print("¡Bien! valor_candidato pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide):
    for semilla in range(6):
        rng = generador(310 + semilla)
        n_x, n_h = (int(v) for v in rng.integers(1, 7, size=2))
        m = 1 if semilla < 2 else int(rng.integers(2, 6))
        escala = 100.0 if semilla == 5 else 1.0
        W_C = rng.standard_normal((n_h, n_h + n_x))
        b_C = rng.standard_normal((n_h, 1))
        x_t = escala * rng.standard_normal((n_x, m))
        h_prev = np.tanh(rng.standard_normal((n_h, m)))
        comprobar_cercano(valor_candidato(x_t, h_prev, W_C, b_C), lstm.candidato(x_t, h_prev, W_C, b_C), f"C_tilde con n_x={n_x}, n_h={n_h}, m={m}")
### END HIDDEN TESTS

# %% [markdown]
# ## 2. Lo que se escribe: un producto elemento a elemento
#
# La compuerta de entrada y el candidato tienen la misma forma `(n_h, m)`, y se combinan **elemento a elemento**: cada componente del candidato se multiplica por su propia fracción de la compuerta. Ese es el **producto de Hadamard** $\odot$; en numpy es simplemente `*` entre arreglos de la misma forma (no confundir con `@`, el producto matricial).
#
# $$\begin{bmatrix} 1 & 0.5 \\ 0 & 0.25 \end{bmatrix} \odot \begin{bmatrix} 0.8 & -0.6 \\ 0.9 & 0.4 \end{bmatrix} = \begin{bmatrix} 0.8 & -0.3 \\ 0 & 0.1 \end{bmatrix}$$
#
# Donde la compuerta vale 1 se escribe el candidato completo; donde vale 0 no se escribe nada, por grande que sea el candidato.
#
# ### Ejercicio 3 · Lo que se escribe (1 punto)
#
# Escribe `lo_que_se_escribe(i_t, C_tilde)`; ambos `(n_h, m)`, devuelve `(n_h, m)`.

# %% nbgrader={"grade": false, "grade_id": "lo_que_se_escribe", "locked": false, "schema_version": 3, "solution": true}
def lo_que_se_escribe(i_t, C_tilde):
    """i_t ⊙ C̃_t, elemento a elemento.

    i_t (n_h, m), C_tilde (n_h, m)  ->  (n_h, m)
    """
    ### BEGIN SOLUTION
    escrito = i_t * C_tilde
    ### END SOLUTION
    return escrito


# %% nbgrader={"grade": true, "grade_id": "lo_que_se_escribe_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
i_t = np.array([[1.0, 0.5],
                [0.0, 0.25]])
C_tilde = np.array([[0.8, -0.6],
                    [0.9, 0.4]])
escrito = llamar(lo_que_se_escribe, i_t, C_tilde)
comprobar_forma(escrito, (2, 2), "i_t ⊙ C_tilde")
comprobar_cercano(escrito, [[0.8, -0.3], [0.0, 0.1]], "i_t ⊙ C_tilde", errores_comunes={
    "¿usaste @ (producto matricial)? Aquí va el producto elemento a elemento, *.": [[1.25, -0.4], [0.225, 0.1]],
    "¿sumaste? La compuerta multiplica al candidato.": [[1.8, -0.1], [0.9, 0.65]],
})
# Forma no cuadrada: n_h = 3, m = 2.
escrito = lo_que_se_escribe(np.full((3, 2), 0.5), np.ones((3, 2)))
comprobar_forma(escrito, (3, 2), "i_t ⊙ C_tilde", pista="El producto elemento a elemento conserva la forma (n_h, m).")
print("¡Bien! lo_que_se_escribe pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide):
    for semilla in range(4):
        rng = generador(320 + semilla)
        n_h = int(rng.integers(1, 7))
        m = 1 if semilla == 0 else int(rng.integers(2, 6))
        i_t = rng.uniform(0, 1, size=(n_h, m))
        C_tilde = rng.uniform(-1, 1, size=(n_h, m))
        comprobar_cercano(lo_que_se_escribe(i_t, C_tilde), lstm.escrito(i_t, C_tilde), f"i_t ⊙ C_tilde con n_h={n_h}, m={m}")
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Todo junto
#
# En el código de una LSTM los parámetros viajan juntos en un diccionario `p` con las llaves `W_f, b_f, W_i, b_i, W_C, b_C, W_o, b_o` (olvido, entrada, candidato y salida). Cada compuerta usa **sus** pesos: un error muy común es darle a una compuerta los pesos de otra.
#
# ### Ejercicio 4 · Lo que se escribe a partir de la entrada (2 puntos)
#
# Escribe `escribir_en_cinta(x_t, h_prev, p)` que calcule $i_t \odot \tilde{C}_t$ usando tus funciones `compuerta_entrada`, `valor_candidato` y `lo_que_se_escribe` con las llaves correctas de `p`. Devuelve `(n_h, m)`.

# %% nbgrader={"grade": false, "grade_id": "escribir_en_cinta", "locked": false, "schema_version": 3, "solution": true}
def escribir_en_cinta(x_t, h_prev, p):
    """i_t ⊙ C̃_t desde la entrada y los parámetros.

    x_t (n_x, m), h_prev (n_h, m), p: diccionario con W_i, b_i, W_C, b_C (y los demás)  ->  (n_h, m)
    """
    ### BEGIN SOLUTION
    i_t = compuerta_entrada(x_t, h_prev, p["W_i"], p["b_i"])
    C_tilde = valor_candidato(x_t, h_prev, p["W_C"], p["b_C"])
    escrito = lo_que_se_escribe(i_t, C_tilde)
    ### END SOLUTION
    return escrito


# %% nbgrader={"grade": true, "grade_id": "escribir_en_cinta_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Esta prueba cambia tus piezas por unas de juguete que NO son las de la LSTM: cada compuerta
# devuelve su sesgo y «lo que se escribe» devuelve i + 10·C̃. Así califica solo cómo las conectas.
def compuerta_de_juguete(x_t, h_prev, W, b):
    return b + np.zeros((b.shape[0], x_t.shape[1]))


def escrito_de_juguete(i_t, C_tilde):
    return i_t + 10 * C_tilde


with con_referencia(globals(), compuerta_entrada=compuerta_de_juguete, valor_candidato=compuerta_de_juguete,
                    lo_que_se_escribe=escrito_de_juguete):
    # Pesos en cero y sesgos distintos: b_f = 2, b_i = 3, b_C = 5, b_o = -1 (n_h = 1, n_x = 2, m = 2).
    p = {}
    for nombre, sesgo in (("f", 2.0), ("i", 3.0), ("C", 5.0), ("o", -1.0)):
        p[f"W_{nombre}"] = np.zeros((1, 3))
        p[f"b_{nombre}"] = np.array([[sesgo]])
    escrito = llamar(escribir_en_cinta, np.ones((2, 2)), np.zeros((1, 2)), p)
comprobar_forma(escrito, (1, 2), "i_t ⊙ C_tilde")
# Con las piezas de juguete: i = b_i = 3 y C̃ = b_C = 5, así que se escribe 3 + 10·5 = 53.
comprobar_cercano(escrito, [[53.0, 53.0]], "i_t ⊙ C_tilde", errores_comunes={
    "¿usaste W_f y b_f en la compuerta de entrada? Esos son de la compuerta de olvido.": [[52.0, 52.0]],
    "¿usaste W_i y b_i en el valor candidato? El candidato usa W_C y b_C.": [[33.0, 33.0]],
    "¿usaste W_o y b_o en la compuerta de entrada? Esos son de la compuerta de salida.": [[49.0, 49.0]],
    "¿multiplicaste i_t ⊙ C̃_t a mano? Usa tu lo_que_se_escribe (esta prueba la cambia por una de juguete).": [[15.0, 15.0]],
})
print("¡Bien! escribir_en_cinta pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide):
    with con_referencia(globals(), compuerta_entrada=lstm.entrada, valor_candidato=lstm.candidato, lo_que_se_escribe=lstm.escrito):
        for semilla in range(5):
            rng = generador(330 + semilla)
            n_x, n_h = (int(v) for v in rng.integers(1, 6, size=2))
            m = 1 if semilla == 0 else int(rng.integers(2, 5))
            p = lstm.parametros_aleatorios(n_x, n_h, rng)
            x_t = rng.standard_normal((n_x, m))
            h_prev = np.tanh(rng.standard_normal((n_h, m)))
            comprobar_cercano(escribir_en_cinta(x_t, h_prev, p), lstm.escritura(x_t, h_prev, p), f"i_t ⊙ C_tilde con n_x={n_x}, n_h={n_h}, m={m}")
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Juega con la escritura
#
# El panel tiene una sola unidad y una sola entrada ($h_{t-1} = 0$), con $i_t = \sigma(2x_t + b_i)$ y $\tilde{C}_t = \tanh(1.5x_t)$. La curva verde es la compuerta de entrada, la naranja el valor candidato y la azul, su producto: lo que de verdad llega a la cinta.
#
# **Predice, luego ejecuta.** El panel arranca con $b_i = 0$ y $x_t = 1$. Antes de ejecutar la celda, calcula a mano cuánto se escribe en la cinta (la respuesta es la primera de la lista de abajo).
#
# * Con el sesgo $b_i$ muy negativo, ¿qué entradas logran escribir algo?
# * ¿Se puede escribir un valor negativo? ¿Cuál es el valor más negativo posible?
# * Mueve la entrada a 0: el candidato vale 0 y no se escribe nada, aunque la compuerta esté abierta a la mitad.
#
# <details>
# <summary>Respuestas</summary>
#
# * **Predicción: con $b_i = 0$ y $x_t = 1$, ¿cuánto se escribe?** $i_t = \sigma(2) \approx 0.881$ y $\tilde{C}_t = \tanh(1.5) \approx 0.905$, así que se escribe $0.881 \times 0.905 \approx 0.797$, lo mismo que dice el panel.
# * **Con el sesgo $b_i$ muy negativo, ¿qué entradas logran escribir algo?** Solo las positivas grandes. Con $b_i = -6$ la compuerta es $\sigma(2x_t - 6)$, que se abre a la mitad en $x_t = 3$: ahí se escribe 0.500; con $x_t = 2$, 0.119; con $x_t = 1$, apenas 0.016, y con cualquier $x_t$ negativo, prácticamente nada (la compuerta vale menos de 0.003). El sesgo no cierra la compuerta para siempre: mueve el umbral en el que se abre, $2x_t + b_i = 0$, es decir, $x_t = -b_i/2$.
# * **¿Se puede escribir un valor negativo? ¿Cuál es el valor más negativo posible?** Sí: con $x_t < 0$ el candidato $\tanh(1.5x_t)$ es negativo, y para que pase hay que abrir la compuerta con un sesgo positivo. En el panel, lo más negativo que se logra es $-0.932$, con $b_i = 6$ y $x_t = -1.4$ ($i_t = 0.961$, $\tilde{C}_t = -0.970$); más a la izquierda el candidato casi no cambia, pero la compuerta se cierra (con $x_t = -3$ se escribe $-0.500$). En general, como $0 < i_t < 1$ y $-1 < \tilde{C}_t < 1$, lo escrito en un paso siempre está entre $-1$ y $1$, sin llegar a los extremos.
# * **Mueve la entrada a 0.** Con $x_t = 0$ el candidato es $\tanh(0) = 0$ y la compuerta vale $\sigma(b_i)$ (0.5 con $b_i = 0$, 0.998 con $b_i = 6$): por abierta que esté, se escribe exactamente 0. La compuerta decide cuánto y el candidato decide qué; si no hay nada que escribir, abrir la compuerta no cambia la cinta.
#
# </details>

# %%
panel_entrada().mostrar()

# %% [markdown]
# ## Resumen
#
# * La **compuerta de entrada** $i_t = \sigma(W_i\cdot[h_{t-1}; x_t] + b_i)$ decide **cuánto** escribir; el **valor candidato** $\tilde{C}_t = \tanh(W_C\cdot[h_{t-1}; x_t] + b_C)$ decide **qué** escribir, con signo.
# * Lo que se escribe es el producto elemento a elemento $i_t \odot \tilde{C}_t$ (`*` en numpy).
# * Cada compuerta tiene sus propios pesos; en el diccionario `p` van con su letra: `f`, `i`, `C`, `o`.
#
# En la siguiente lección juntamos olvido y escritura en la actualización del **estado de la celda**: $C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t$.

# %% [markdown]
# ## Cuestionario
#
# Cuatro preguntas para revisar las ideas de la lección, de 1 punto cada una. En cada celda escribe entre comillas la letra de tu respuesta, por ejemplo `respuesta_1 = "a"`. La prueba visible solo revisa que hayas elegido una de las opciones; al calificar se revisa cuál elegiste, y la retroalimentación te explica por qué es o no es la correcta.

# %% [markdown]
# **Pregunta 1.** La compuerta de entrada usa la sigmoide y el valor candidato usa $\tanh$. ¿Por qué no usar la sigmoide en los dos?
#
# * (a) Porque con un candidato sigmoide el estado de la celda crecería sin límite.
# * (b) Porque el candidato es el contenido que se escribe y debe poder ser negativo; la sigmoide solo da valores entre 0 y 1, buenos para una fracción (cuánto dejar pasar), no para un contenido con signo.
# * (c) Porque $\tanh$ es más rápida de calcular y de derivar que la sigmoide.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_03_p1", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_1 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_03_p1_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_1, 1, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("03_compuerta_entrada", 1, respuesta_1)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 2.** En un paso, la compuerta de entrada vale $i_t = 0$ en todas las unidades. ¿Qué pasa con la cinta en ese paso?
#
# * (a) No se escribe nada, sea cual sea el valor candidato: la cinta solo cambia por la compuerta de olvido.
# * (b) Se escribe el valor candidato completo, porque $i_t$ solo escala lo que se conserva del paso anterior.
# * (c) Se borra lo que la cinta guardaba.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_03_p2", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_2 = "a"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_03_p2_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_2, 2, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("03_compuerta_entrada", 2, respuesta_2)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 3.** En el panel, $i_t = \sigma(2x_t + b_i)$ y $\tilde{C}_t = \tanh(1.5x_t)$. Con $b_i = -6$, ¿qué entradas escriben algo en la cinta?
#
# * (a) Ninguna: con un sesgo negativo la compuerta queda cerrada para cualquier entrada.
# * (b) Las negativas grandes, porque un sesgo negativo favorece escribir valores negativos.
# * (c) Solo las positivas grandes: con $x_t = 3$ se escribe 0.5, y con cualquier $x_t$ negativo, prácticamente nada.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_03_p3", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_3 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_03_p3_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_3, 3, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("03_compuerta_entrada", 3, respuesta_3)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 4.** Con $n_x = 3$ entradas y $n_h = 2$ unidades, ¿cuántos números aprenden entre la compuerta de entrada y el valor candidato (sus $W$ y sus $b$)?
#
# * (a) 12
# * (b) 16
# * (c) 20
# * (d) 24

# %% nbgrader={"grade": false, "grade_id": "cuestionario_03_p4", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_4 = "d"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_03_p4_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_4, 4, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("03_compuerta_entrada", 4, respuesta_4)
### END HIDDEN TESTS
