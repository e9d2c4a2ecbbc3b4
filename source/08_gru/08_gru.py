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
# # Lección 08 · La GRU
#
# **Tiempo estimado:** unos 90 minutos. **Antes de empezar:** la lección 05 (el paso completo de la LSTM y el recorrido de una secuencia), la lección 07 (la LSTM acoplada y el conteo de parámetros) y la lección 02 (la sigmoide estable y la vida media de un recuerdo).
#
# La LSTM carga dos memorias, $h_t$ y $C_t$, y cuatro redes internas. En la lección anterior viste que acoplar las compuertas de olvido y entrada casi no cambia los resultados. La **GRU** (*gated recurrent unit*) de Cho et al. (2014) va más lejos: una sola memoria, $h_t$, y tres redes internas.
#
# **Al terminar podrás:**
#
# 1. escribir un paso de la GRU y recorrer con él una secuencia;
# 2. contar sus parámetros y compararlos con los de la LSTM;
# 3. explicar qué hacen la compuerta de actualización $z_t$ y la de reinicio $r_t$, y jugar con ellas;
# 4. traducir los pesos del curso a los de `torch.nn.GRU`, que escribe una celda casi igual con otra convención.
#
# **Cómo trabajar.** Celdas en orden, tu código donde diga `# TU CÓDIGO AQUÍ`; la celda siguiente revisa cada ejercicio.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import numpy as np
import matplotlib.pyplot as plt

from course.diagramas import diagrama_gru
from course.paneles import panel_compuertas_gru
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
# ## 1. Las ecuaciones
#
# Con la convención de siempre (cada $W$ de forma `(n_h, n_h + n_x)` sobre una concatenación con $h$ primero, cada $b$ de forma `(n_h, 1)`):
#
# $$z_t = \sigma\left(W_z \cdot [h_{t-1};\, x_t] + b_z\right) \qquad \text{compuerta de actualización}$$
# $$r_t = \sigma\left(W_r \cdot [h_{t-1};\, x_t] + b_r\right) \qquad \text{compuerta de reinicio}$$
# $$\tilde{h}_t = \tanh\left(W_{\tilde{h}} \cdot [r_t \odot h_{t-1};\, x_t] + b_{\tilde{h}}\right) \qquad \text{candidato}$$
# $$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t .$$
#
# En el código, los parámetros del candidato se llaman `W_htilde` y `b_htilde`.
#
# Cómo leerlas:
#
# * **$z_t$ decide cuánto se actualiza.** La última línea es un promedio ponderado, como en la LSTM acoplada: con $z_t = 0$ el estado se copia tal cual ($h_t = h_{t-1}$) y con $z_t = 1$ se reemplaza por el candidato. El camino $(1 - z_t) \odot h_{t-1}$ hace el papel del carrusel: su derivada local es $1 - z_t$.
# * **$r_t$ decide cuánto del pasado usa el candidato.** Se aplica a $h_{t-1}$ **antes** de multiplicar por la matriz: con $r_t = 0$ el candidato solo ve la entrada $x_t$, como si la memoria se reiniciara.
# * No hay estado de la celda aparte ni compuerta de salida: la memoria entera se expone en $h_t$.

# %%
diagrama_gru()


# %% [markdown]
# ### Ejercicio 1 · Un paso de la GRU (3 puntos)
#
# Escribe `paso_gru(x_t, h_prev, p)` que devuelva `h_t` de forma `(n_h, m)`. `p` trae `W_z, b_z, W_r, b_r, W_htilde, b_htilde`. Usa `sigmoide` (tu sigmoide estable de la lección 02).

# %% nbgrader={"grade": false, "grade_id": "paso_gru", "locked": false, "schema_version": 3, "solution": true}
def paso_gru(x_t, h_prev, p):
    """Un paso de la GRU.

    x_t (n_x, m), h_prev (n_h, m), W_* (n_h, n_h + n_x), b_* (n_h, 1)  ->  h_t (n_h, m)
    """
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    ### BEGIN SOLUTION
    z_t = sigmoide(p["W_z"] @ concatenado + p["b_z"])
    r_t = sigmoide(p["W_r"] @ concatenado + p["b_r"])
    h_tilde = np.tanh(p["W_htilde"] @ np.concatenate([r_t * h_prev, x_t], axis=0) + p["b_htilde"])
    h_t = (1 - z_t) * h_prev + z_t * h_tilde
    ### END SOLUTION
    return h_t


# %% nbgrader={"grade": true, "grade_id": "paso_gru_prueba", "locked": true, "points": 3, "schema_version": 3, "solution": false}
# Formas con n_x = 3, n_h = 2, m = 4.
rng = generador(0)
p = {f"W_{k}": rng.standard_normal((2, 5)) for k in ("z", "r", "htilde")}
p.update({f"b_{k}": rng.standard_normal((2, 1)) for k in ("z", "r", "htilde")})
comprobar_forma(paso_gru(rng.standard_normal((3, 4)), rng.standard_normal((2, 4)), p), (2, 4), "h_t")

# Caso cerrado: n_h = 2, n_x = 1, m = 1.
p = {
    "W_z": np.array([[0.5, 0.0, 1.0], [0.0, -0.5, 0.5]]), "b_z": np.zeros((2, 1)),
    "W_r": np.array([[1.0, 0.5, 0.0], [-1.0, 0.0, 1.0]]), "b_r": np.zeros((2, 1)),
    "W_htilde": np.array([[1.0, 2.0, 0.5], [-1.0, 1.0, 0.0]]), "b_htilde": np.array([[0.0], [0.5]]),
}
x_t = np.array([[1.0]])
h_prev = np.array([[0.5], [-1.0]])
# [h_prev; x_t] = [0.5; −1; 1]: z = σ([1.25; 1]), r = σ([0; 0]) = 0.5,
# h̃ = tanh(W_htilde·[0.25; −0.5; 1] + b_htilde) = tanh([−0.25; 0.25]).
comprobar_cercano(paso_gru(x_t, h_prev, p), [[-0.244739997744], [-0.529301346656]], "h_t", errores_comunes={
    "¿pusiste (1 − z) del lado equivocado? En el curso z multiplica al candidato: h_t = (1 − z) ⊙ h_prev + z ⊙ h̃.": [[0.286628418233], [-0.826839642448]],
    "¿aplicaste r después del producto, como PyTorch? En el curso r multiplica a h_prev antes: W_htilde·[r ⊙ h_prev; x_t].": [[-0.079025172873], [-0.567505482094]],
    "¿olvidaste la compuerta de reinicio en el candidato?": [[-0.480636962283], [-0.825711362516]],
})
print("¡Bien! paso_gru pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import gru, lstm
with con_referencia(globals(), sigmoide=lstm.sigmoide):
    for semilla in range(6):
        rng = generador(130 + semilla)
        n_x, n_h = (int(v) for v in rng.integers(1, 6, size=2))
        m = 1 if semilla < 2 else int(rng.integers(2, 5))
        escala = 10.0 if semilla == 5 else 1.0   # compuertas saturadas, sin NaN
        p = gru.parametros_aleatorios(n_x, n_h, rng, escala)
        x_t, h_prev = rng.standard_normal((n_x, m)), np.tanh(rng.standard_normal((n_h, m)))
        comprobar_cercano(paso_gru(x_t, h_prev, p), gru.celda(x_t, h_prev, p), f"h_t con n_x={n_x}, n_h={n_h}, m={m}")
### END HIDDEN TESTS

# %% [markdown]
# ## 2. La GRU sobre una secuencia
#
# ### Ejercicio 2 · La GRU hacia adelante (2 puntos)
#
# Escribe `gru_adelante(x, h0, p)` que, con `x` de forma `(n_x, m, T)`, devuelva `H` de forma `(n_h, m, T)` con `H[:, :, t]` igual al estado **después** de leer `x[:, :, t]`, empezando desde `h0`. Usa tu `paso_gru`.

# %% nbgrader={"grade": false, "grade_id": "gru_adelante", "locked": false, "schema_version": 3, "solution": true}
def gru_adelante(x, h0, p):
    """Recorre la secuencia con la GRU.

    x (n_x, m, T), h0 (n_h, m)  ->  H (n_h, m, T)
    """
    n_h, m = h0.shape
    T = x.shape[2]
    H = np.zeros((n_h, m, T))
    ### BEGIN SOLUTION
    h = h0
    for t in range(T):
        h = paso_gru(x[:, :, t], h, p)
        H[:, :, t] = h
    ### END SOLUTION
    return H


# %% nbgrader={"grade": true, "grade_id": "gru_adelante_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import comprobar_sin_cambios, llamar  # llamar explica en español los errores de formas de numpy
# Esta prueba cambia paso_gru por un paso de juguete que NO es la GRU, h_t = h_prev + x_t,
# y anota con qué x_t lo llamas: así califica solo tu ciclo.
llamadas = []


def paso_de_juguete(x_t, h_prev, p):
    llamadas.append(np.array(x_t, dtype=float))
    return h_prev + x_t


with con_referencia(globals(), paso_gru=paso_de_juguete):
    # n_h = n_x = 1, m = 1, T = 3, desde h0 = 0.5: los estados son 0.5 + 1, + 2, + 3.
    h0 = np.array([[0.5]])
    H = llamar(gru_adelante, np.array([1.0, 2.0, 3.0]).reshape(1, 1, 3), h0, {})
comprobar_sin_cambios([[0.5]], h0, "h0")
comprobar_forma(H, (1, 1, 3), "H", pista="H guarda un estado (n_h, m) por cada uno de los T pasos.")
comprobar_cercano(H, np.array([1.5, 3.5, 6.5]).reshape(1, 1, 3), "H", errores_comunes={
    "¿empezaste desde ceros? Debes partir del h0 que recibe la función.": np.array([1.0, 3.0, 6.0]).reshape(1, 1, 3),
    "¿guardaste el estado anterior en lugar del nuevo? H[:, :, t] es el estado después de leer x[:, :, t].": np.array([0.5, 1.5, 3.5]).reshape(1, 1, 3),
})
assert len(llamadas) == 3, f"gru_adelante debe llamar a paso_gru una vez por paso (T = 3); la llamó {len(llamadas)} veces."
comprobar_cercano(np.concatenate(llamadas, axis=1), [[1.0, 2.0, 3.0]], "las x_t que recibió paso_gru",
                  pista="En el paso t, paso_gru recibe x[:, :, t], de forma (n_x, m).")
print("¡Bien! gru_adelante pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import gru, lstm
with con_referencia(globals(), sigmoide=lstm.sigmoide):
    with con_referencia(globals(), paso_gru=gru.celda):
        for semilla in range(5):
            rng = generador(140 + semilla)
            n_x, n_h, T = (int(v) for v in rng.integers(1, 6, size=3))
            m = 1 if semilla == 0 else int(rng.integers(2, 5))
            p = gru.parametros_aleatorios(n_x, n_h, rng)
            x = rng.standard_normal((n_x, m, T))
            h0 = np.tanh(rng.standard_normal((n_h, m)))
            esperado, h0_antes = gru.recorrido(x, h0, p), h0.copy()
            comprobar_cercano(gru_adelante(x, h0, p), esperado, f"H con n_x={n_x}, n_h={n_h}, m={m}, T={T}")
            comprobar_sin_cambios(h0_antes, h0, "h0")
### END HIDDEN TESTS

# %% [markdown]
# ## 3. ¿Cuánto cuesta una GRU?
#
# La GRU tiene tres redes internas ($z$, $r$ y el candidato), cada una con $W$ de forma $(n_h, n_h + n_x)$ y $b$ de forma $(n_h, 1)$.
#
# ### Ejercicio 3 · Parámetros de la GRU (1 punto)
#
# Escribe `parametros_gru(n_x, n_h)` que devuelva el número (entero) de parámetros de una celda GRU.

# %% nbgrader={"grade": false, "grade_id": "parametros_gru", "locked": false, "schema_version": 3, "solution": true}
def parametros_gru(n_x, n_h):
    """Número de pesos y sesgos de una celda GRU  ->  int"""
    ### BEGIN SOLUTION
    total = 3 * (n_h * (n_h + n_x) + n_h)
    ### END SOLUTION
    return total


# %% nbgrader={"grade": true, "grade_id": "parametros_gru_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# n_x = 3, n_h = 2: tres redes internas de 2·5 + 2 = 12 parámetros.
comprobar_escalar(parametros_gru(3, 2), 36, "los parámetros de la GRU", errores_comunes={
    "¿olvidaste los sesgos?": 30,
    "¿contaste cuatro redes internas, como en la LSTM? La GRU tiene tres: z, r y el candidato.": 48,
})
assert isinstance(parametros_gru(3, 2), (int, np.integer)), "parametros_gru debe devolver un entero."
print("¡Bien! parametros_gru pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import gru, lstm
with con_referencia(globals(), sigmoide=lstm.sigmoide):
    from autograder.referencias import variantes
    for semilla in range(5):
        n_x, n_h = (int(v) for v in generador(150 + semilla).integers(1, 500, size=2))
        comprobar_escalar(parametros_gru(n_x, n_h), variantes.numero_parametros("gru", n_x, n_h), f"los parámetros de la GRU con n_x={n_x}, n_h={n_h}")
### END HIDDEN TESTS

# %%
n_x = 10
for n_h in [8, 64, 512]:
    lstm_total = 4 * (n_h * (n_h + n_x) + n_h)
    print(f"n_h = {n_h:3d}: GRU {parametros_gru(n_x, n_h):>9,} parámetros, LSTM {lstm_total:>9,}  (la GRU usa {parametros_gru(n_x, n_h) / lstm_total:.0%})")

# %% [markdown]
# Con el mismo $n_h$, la GRU cuesta exactamente **tres cuartas partes** de la LSTM, y en cada paso hace tres productos matriciales en lugar de cuatro. En la práctica las dos suelen dar resultados parecidos (Chung et al., 2014; Jozefowicz et al., 2015): conviene probar ambas.
#
# ## 4. Juega con las compuertas
#
# El panel fija $z$ y $r$ en todos los pasos y mide **cuánto del estado inicial $h_0$ sobrevive** tras $k$ pasos:
#
# * la curva continua es el camino directo, $(1 - z)^k$: lo que se copia sin pasar por el candidato;
# * la punteada es la sensibilidad total $\lVert\partial h_k/\partial h_0\rVert$, que incluye lo que vuelve a entrar por el candidato a través de $r \odot h_{t-1}$.
#
# Prueba:
#
# * Con $z = 0$, ¿qué pasa con el estado? ¿Y con $z = 1$ y $r = 0$?
# * Con $z$ pequeño, ¿cuántos pasos tarda en quedar la mitad? Compáralo con una LSTM cuya compuerta de olvido valga $1 - z$.
# * ¿Cuándo importa $r$? (Pista: mira las dos curvas con $z = 0.5$ y mueve $r$ de 0 a 1.)
#
# <details>
# <summary>Respuestas</summary>
#
# * **Con $z = 0$, ¿qué pasa con el estado? ¿Y con $z = 1$ y $r = 0$?** Con $z = 0$, $h_t = h_{t-1}$: el estado se copia tal cual, las dos curvas se quedan en 1 y el panel dice que tras 10 pasos queda 1.000 de $h_0$ por los dos caminos, sin importar cuánto valga $r$. Con $z = 1$ y $r = 0$, $h_t = \tilde{h}_t = \tanh(W_x x_t + b)$ no depende de $h_{t-1}$: el estado se olvida por completo en un solo paso y las dos curvas caen a 0 desde $k = 1$.
# * **Con $z$ pequeño, ¿cuántos pasos tarda en quedar la mitad?** Por el camino directo, $(1 - z)^k = 1/2$ da $k = \ln(1/2) / \ln(1 - z) \approx 0.69 / z$: unos 13.5 pasos con $z = 0.05$, 6.6 con $z = 0.1$ y 3.1 con $z = 0.2$. Es la misma vida media que la de una LSTM con compuerta de olvido $f = 1 - z$ (lección 02): $(1 - z)$ hace aquí el papel de $f$. La curva punteada queda un poco arriba (con $z = 0.1$ y $r = 0.5$, 0.519 contra 0.349 tras 10 pasos), porque parte de $h_0$ vuelve a entrar por el candidato.
# * **¿Cuándo importa $r$?** Solo cuando $z$ no es pequeño, porque el candidato entra con peso $z$. Con $z = 0.5$ el camino directo da 0.001 tras 10 pasos para cualquier $r$, pero la curva total sube con $r$: 0.001 con $r = 0$ (las dos curvas coinciden: el candidato no ve el pasado), 0.021 con $r = 0.5$ y 0.198 con $r = 1$. Con $z = 0$ mover $r$ no cambia nada.
#
# </details>

# %%
panel_compuertas_gru().mostrar()


# %% [markdown]
# ## 5. La celda de PyTorch: casi la misma
#
# La documentación de `torch.nn.GRU` escribe, con $W_{i\cdot}$ los pesos de la entrada y $W_{h\cdot}$ los del estado oculto, cada uno con su propio sesgo:
#
# $$r_t = \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr}), \qquad z'_t = \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz})$$
# $$n_t = \tanh\left(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn})\right), \qquad h_t = (1 - z'_t) \odot n_t + z'_t \odot h_{t-1} .$$
#
# Hay dos diferencias con el curso:
#
# 1. **La compuerta de actualización hace el papel contrario:** en PyTorch $z'_t$ multiplica al estado **anterior** (así la escribe también el artículo de Cho et al.); en el curso, $z_t$ multiplica al candidato. Son la misma celda con $z'_t = 1 - z_t$, y como $1 - \sigma(a) = \sigma(-a)$, basta **cambiar el signo** de los pesos y el sesgo de $z$.
# 2. **La compuerta de reinicio va después del producto:** PyTorch calcula $r_t \odot (W_{hn} h_{t-1})$ y el curso $W_{\tilde{h}}\,[r_t \odot h_{t-1}; \ldots]$. Esto **sí cambia la celda**: las dos cuentas coinciden solo si el bloque $W_{hn}$ es diagonal (entonces $r \odot (D h) = D (r \odot h)$). Keras ofrece las dos formas con la opción `reset_after`.
#
# Además, PyTorch guarda los pesos de las tres redes apilados, en el orden **$(r, z, n)$**, y separa la parte de la entrada de la del estado:
#
# | PyTorch | forma | del curso |
# |---|---|---|
# | `weight_ih_l0` | `(3·n_h, n_x)` | columnas de $x$ (las últimas $n_x$) de $W_r$, $-W_z$, $W_{\tilde{h}}$, una sobre otra |
# | `weight_hh_l0` | `(3·n_h, n_h)` | columnas de $h$ (las primeras $n_h$) de $W_r$, $-W_z$, $W_{\tilde{h}}$ |
# | `bias_ih_l0` | `(3·n_h,)` | $b_r$, $-b_z$, $b_{\tilde{h}}$ en un vector plano |
# | `bias_hh_l0` | `(3·n_h,)` | ceros: en $r$ y $z$ PyTorch suma los dos sesgos, pero $b_{hn}$ queda dentro de $r_t \odot (\cdot)$; con ceros, todo el sesgo del candidato va en `bias_ih_l0`, fuera del producto, como en el curso |
#
# ### Ejercicio 4 · Pesos del curso a PyTorch (3 puntos)
#
# Escribe `pesos_a_pytorch(p)` que devuelva un diccionario con las claves `"weight_ih_l0"`, `"weight_hh_l0"`, `"bias_ih_l0"` y `"bias_hh_l0"`, según la tabla. Los sesgos son vectores **planos** de forma `(3·n_h,)`.

# %% nbgrader={"grade": false, "grade_id": "pesos_a_pytorch", "locked": false, "schema_version": 3, "solution": true}
def pesos_a_pytorch(p):
    """Pesos de la GRU del curso -> pesos de torch.nn.GRU (orden r, z, n).

    W_* (n_h, n_h + n_x), b_* (n_h, 1)  ->  weight_ih_l0 (3 n_h, n_x), weight_hh_l0 (3 n_h, n_h),
                                           bias_ih_l0 (3 n_h,), bias_hh_l0 (3 n_h,)
    """
    n_h = p["b_z"].shape[0]
    ### BEGIN SOLUTION
    bloques = [(p["W_r"], p["b_r"]), (-p["W_z"], -p["b_z"]), (p["W_htilde"], p["b_htilde"])]
    pesos = {
        "weight_ih_l0": np.vstack([W[:, n_h:] for W, _ in bloques]),
        "weight_hh_l0": np.vstack([W[:, :n_h] for W, _ in bloques]),
        "bias_ih_l0": np.concatenate([b[:, 0] for _, b in bloques]),
        "bias_hh_l0": np.zeros(3 * n_h),
    }
    ### END SOLUTION
    return pesos


# %% nbgrader={"grade": true, "grade_id": "pesos_a_pytorch_prueba", "locked": true, "points": 3, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
CLAVES = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]
# Formas con n_x = 3, n_h = 2.
rng = generador(0)
p = {f"W_{k}": rng.standard_normal((2, 5)) for k in ("z", "r", "htilde")}
p.update({f"b_{k}": rng.standard_normal((2, 1)) for k in ("z", "r", "htilde")})
pesos = llamar(pesos_a_pytorch, p)
assert isinstance(pesos, dict) and sorted(pesos) == sorted(CLAVES), f"pesos_a_pytorch debe devolver un diccionario con las claves {CLAVES}."
comprobar_forma(pesos["weight_ih_l0"], (6, 3), "weight_ih_l0", pista="Son las columnas de x_t (las últimas n_x) de las tres matrices.")
comprobar_forma(pesos["weight_hh_l0"], (6, 2), "weight_hh_l0", pista="Son las columnas de h (las primeras n_h) de las tres matrices.")
comprobar_forma(pesos["bias_ih_l0"], (6,), "bias_ih_l0", pista="PyTorch guarda los sesgos como vectores planos: usa b[:, 0] o b.ravel().")
comprobar_forma(pesos["bias_hh_l0"], (6,), "bias_hh_l0")

# Caso cerrado: n_h = n_x = 1, cada W es [[columna de h, columna de x]].
p = {"W_z": np.array([[1.0, 2.0]]), "b_z": np.array([[3.0]]),
     "W_r": np.array([[4.0, 5.0]]), "b_r": np.array([[6.0]]),
     "W_htilde": np.array([[7.0, 8.0]]), "b_htilde": np.array([[9.0]])}
pesos = pesos_a_pytorch(p)
comprobar_cercano(pesos["weight_ih_l0"], [[5.0], [-2.0], [8.0]], "weight_ih_l0", errores_comunes={
    "¿olvidaste cambiar el signo de z? La z de PyTorch es 1 − z = σ(−a_z).": [[5.0], [2.0], [8.0]],
    "¿apilaste en el orden (z, r, n)? PyTorch usa (r, z, n).": [[-2.0], [5.0], [8.0]],
    "¿tomaste las columnas de h? weight_ih_l0 lleva las de x_t (las últimas n_x).": [[4.0], [-1.0], [7.0]],
})
comprobar_cercano(pesos["weight_hh_l0"], [[4.0], [-1.0], [7.0]], "weight_hh_l0")
comprobar_cercano(pesos["bias_ih_l0"], [6.0, -3.0, 9.0], "bias_ih_l0", errores_comunes={
    "¿olvidaste cambiar el signo del sesgo de z?": [6.0, 3.0, 9.0],
})
comprobar_cercano(pesos["bias_hh_l0"], [0.0, 0.0, 0.0], "bias_hh_l0")
print("¡Bien! pesos_a_pytorch pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import gru, lstm
with con_referencia(globals(), sigmoide=lstm.sigmoide):
    for semilla in range(5):
        rng = generador(160 + semilla)
        n_x, n_h = (int(v) for v in rng.integers(1, 7, size=2))
        p = gru.parametros_aleatorios(n_x, n_h, rng)
        pesos, esperado = pesos_a_pytorch(p), gru.a_torch(p)
        for clave in CLAVES:
            comprobar_cercano(pesos[clave], esperado[clave], f"{clave} con n_x={n_x}, n_h={n_h}")
### END HIDDEN TESTS

# %% [markdown]
# Comprobemos la traducción con las ecuaciones de PyTorch escritas en numpy (con `weight_*` y `bias_*` como los guarda `nn.GRU`). Con un bloque $W_{hn}$ cualquiera, la celda de PyTorch y la del curso dan estados distintos; si ese bloque es diagonal, coinciden. Las pruebas del curso (`tests/test_torch.py`) hacen esta misma comparación contra `torch.nn.GRU` de verdad, en doble precisión.

# %%
def paso_gru_pytorch(x_t, h_prev, pesos):
    """Las ecuaciones de torch.nn.GRU con vectores columna: x_t (n_x, m), h_prev (n_h, m)."""
    n_h = h_prev.shape[0]
    a_x = pesos["weight_ih_l0"] @ x_t + pesos["bias_ih_l0"][:, None]
    a_h = pesos["weight_hh_l0"] @ h_prev + pesos["bias_hh_l0"][:, None]
    r = sigmoide(a_x[:n_h] + a_h[:n_h])
    z_pytorch = sigmoide(a_x[n_h:2 * n_h] + a_h[n_h:2 * n_h])
    n = np.tanh(a_x[2 * n_h:] + r * a_h[2 * n_h:])
    return (1 - z_pytorch) * n + z_pytorch * h_prev


rng = np.random.default_rng(5)
n_x, n_h, m = 3, 4, 2
p = {f"W_{k}": rng.standard_normal((n_h, n_h + n_x)) for k in ("z", "r", "htilde")}
p.update({f"b_{k}": rng.standard_normal((n_h, 1)) for k in ("z", "r", "htilde")})
x_t, h_prev = rng.standard_normal((n_x, m)), np.tanh(rng.standard_normal((n_h, m)))
diferencia = np.max(np.abs(paso_gru(x_t, h_prev, p) - paso_gru_pytorch(x_t, h_prev, pesos_a_pytorch(p))))
print(f"bloque W_hn cualquiera: diferencia máxima {diferencia:.2e}")

p["W_htilde"][:, :n_h] = np.diag(np.diag(p["W_htilde"][:, :n_h]))   # bloque recurrente diagonal
diferencia = np.max(np.abs(paso_gru(x_t, h_prev, p) - paso_gru_pytorch(x_t, h_prev, pesos_a_pytorch(p))))
print(f"bloque W_hn diagonal:   diferencia máxima {diferencia:.2e}")

# %% [markdown]
# ## Resumen
#
# * La GRU tiene una sola memoria, $h_t$, y tres redes internas: $h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t$, con $\tilde{h}_t = \tanh(W_{\tilde{h}}[r_t \odot h_{t-1}; x_t] + b_{\tilde{h}})$.
# * $z_t$ mezcla lo viejo y lo nuevo (con $z_t = 0$ se copia la memoria); $r_t$ decide cuánto pasado ve el candidato.
# * Cuesta $3\,(n_h(n_h + n_x) + n_h)$ parámetros: tres cuartas partes de una LSTM del mismo tamaño.
# * PyTorch escribe una celda casi igual, con $z' = 1 - z$ (pesos de $z$ con el signo contrario), el orden $(r, z, n)$, pesos de entrada y de estado separados, y $r$ aplicado **después** del producto, lo que solo coincide con el curso cuando ese bloque es diagonal.
#
# Con esto cierras el recorrido: de la RNN simple, que olvida, a la LSTM, sus variantes y la GRU, que aprenden qué recordar.

# %% [markdown]
# ## Cuestionario
#
# Cinco preguntas para revisar las ideas de la lección. Escribe entre comillas la letra de tu respuesta en cada celda; la prueba que la sigue solo revisa que sea una de las opciones. Al calificar, cada pregunta vale un punto y la retroalimentación explica por qué cada opción es o no es la correcta.

# %% [markdown]
# **Pregunta 1.** En la GRU del curso, ¿qué pasa en un paso en que la compuerta de actualización vale $z_t = 0$?
#
# * (a) El estado se reemplaza por el candidato: $h_t = \tilde{h}_t$.
# * (b) El estado se copia tal cual: $h_t = h_{t-1}$.
# * (c) El estado se reinicia en ceros: $h_t = 0$.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_08_p1", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_1 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_08_p1_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_1, 1, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("08_gru", 1, respuesta_1)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 2.** ¿Y en un paso en que la compuerta de reinicio vale $r_t = 0$ (con $0 < z_t < 1$)?
#
# * (a) El estado se borra: $h_t = 0$.
# * (b) El candidato solo ve la entrada $x_t$, pero $h_t$ todavía conserva $(1 - z_t) \odot h_{t-1}$.
# * (c) El estado se copia tal cual: $h_t = h_{t-1}$.
# * (d) El candidato ignora la entrada $x_t$ y solo ve $h_{t-1}$.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_08_p2", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_2 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_08_p2_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_2, 2, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("08_gru", 2, respuesta_2)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 3.** ¿Cuántos parámetros tiene una celda GRU con $n_x = 10$ y $n_h = 64$?
#
# * (a) 9,600
# * (b) 14,208
# * (c) 14,400
# * (d) 19,200

# %% nbgrader={"grade": false, "grade_id": "cuestionario_08_p3", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_3 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_08_p3_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_3, 3, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("08_gru", 3, respuesta_3)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 4.** Para pasar la compuerta de actualización del curso a `torch.nn.GRU`, ¿qué se hace con $W_z$ y $b_z$?
#
# * (a) Nada: es la misma compuerta con otro nombre.
# * (b) Se les cambia el signo, porque la $z'$ de PyTorch es $1 - z = \sigma(-a_z)$.
# * (c) Se usan $1 - W_z$ y $1 - b_z$.
# * (d) Se intercambian con los de la compuerta de reinicio.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_08_p4", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_4 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_08_p4_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_4, 4, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("08_gru", 4, respuesta_4)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 5.** PyTorch calcula el candidato con $r_t \odot (W_{hn} h_{t-1})$ y el curso con $W_{\tilde{h}}[r_t \odot h_{t-1}; x_t]$. ¿Cuándo dan lo mismo las dos celdas (con $b_{hn} = 0$)?
#
# * (a) Siempre: el producto de Hadamard y el de matrices se pueden cambiar de orden.
# * (b) Cuando el bloque recurrente $W_{hn}$ es diagonal.
# * (c) Nunca, ni con un bloque diagonal.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_08_p5", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_5 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_08_p5_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_5, 5, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("08_gru", 5, respuesta_5)
### END HIDDEN TESTS
