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
# # Lección 02 · La compuerta de olvido
#
# **Tiempo estimado:** unos 75 minutos. **Antes de empezar:** la lección 01 (la celda RNN sobre $[h_{t-1}; x_t]$ y por qué su gradiente se desvanece con la distancia), y logaritmos y exponenciales.
#
# En la lección 01 viste que la RNN simple olvida rápido: el gradiente que viaja hacia atrás se multiplica en cada paso por un jacobiano y se desvanece. La **LSTM** (*Long Short-Term Memory*, Hochreiter y Schmidhuber, 1997) agrega una memoria aparte, el **estado de la celda**, y tres **compuertas** que deciden qué se borra, qué se escribe y qué se muestra. En esta lección empezamos por la primera: la **compuerta de olvido**.
#
# **Al terminar podrás:**
#
# 1. explicar el estado de la celda como una cinta transportadora y leer la notación de otras fuentes en la del curso;
# 2. programar una sigmoide que no desborda ni con entradas de ±1000;
# 3. calcular la compuerta de olvido $f_t = \sigma(W_f\cdot[h_{t-1}; x_t] + b_f)$ para $m$ ejemplos a la vez;
# 4. calcular cuánto de lo guardado sobrevive tras $k$ pasos y su vida media.
#
# **Cómo trabajar.** Ejecuta las celdas en orden (`Shift + Enter`). Donde veas `# TU CÓDIGO AQUÍ`, borra la línea `raise NotImplementedError(…)` y escribe tu solución. Cada ejercicio va seguido de una celda de pruebas: si no muestra error, vas bien. Al calificar se agregan pruebas ocultas con datos aleatorios, así que resuelve el caso general y no solo el ejemplo. El botón **Validate** de la barra del cuaderno corre todas las pruebas visibles a la vez.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import numpy as np
import matplotlib.pyplot as plt

from course.cuestionario import revisar_respuesta
from course.diagramas import diagrama_lstm
from course.paneles import panel_olvido
from course.pruebas import comprobar_cercano, comprobar_forma, con_referencia, generador, sin_advertencias

# %% [markdown]
# ## 1. Una cinta transportadora
#
# La idea central de la LSTM es el **estado de la celda** $C_t$. Piensa en él como en una **cinta transportadora** que corre a lo largo de toda la secuencia: en cada paso la información que lleva solo sufre interacciones lineales pequeñas (se multiplica por un número entre 0 y 1 y se le suma algo), así que puede viajar muchos pasos casi sin cambios. En la RNN, en cambio, toda la memoria pasa en cada paso por una matriz de pesos y una $\tanh$.
#
# Alrededor de la cinta hay **cuatro redes pequeñas**, todas con la misma entrada $[h_{t-1}; x_t]$:
#
# | red | activación | qué decide | lección |
# |---|---|---|---|
# | compuerta de olvido $f_t$ | $\sigma$ | cuánto conservar de $C_{t-1}$ | esta |
# | compuerta de entrada $i_t$ | $\sigma$ | cuánto escribir | 03 |
# | valor candidato $\tilde{C}_t$ | $\tanh$ | qué escribir | 03 |
# | compuerta de salida $o_t$ | $\sigma$ | cuánto mostrar en $h_t$ | 05 |
#
# Cada compuerta es una capa con sigmoide seguida de una **multiplicación elemento a elemento**: es una llave que deja pasar una fracción de cada componente.
#
# ### Otras notaciones
#
# Vas a encontrar la LSTM escrita de varias formas. Todas son la misma cuenta; en el curso usamos la columna de la izquierda.
#
# | curso | diapositivas con corchetes | notación con $\Gamma$ |
# |---|---|---|
# | $x_t$, $h_{t-1}$, $C_{t-1}$ | $x^{[t+1]}$, $h^{[t]}$, $C^{[t]}$ (el índice de la entrada va un paso adelante) | $x^{<t>}$, $a^{<t-1>}$, $c^{<t-1>}$ |
# | $f_t$ (olvido) | $f^{[t+1]}$ | $\Gamma_f$ |
# | $i_t$ (entrada) | $i^{[t+1]}$ | $\Gamma_u$ (de *update*) |
# | $\tilde{C}_t$ (valor candidato) | $\hat{C}^{[t+1]}$ | $\tilde{c}^{<t>}$ |
# | $i_t \odot \tilde{C}_t$ (lo que se escribe) | $e^{[t+1]} = i^{[t+1]} \odot \hat{C}^{[t+1]}$ | $\Gamma_u * \tilde{c}^{<t>}$ |
# | $o_t$ (salida) | $o^{[t+1]}$ | $\Gamma_o$ |
# | $h_t$ (estado oculto) | $h^{[t+1]}$ | $a^{<t>}$ |
# | $W\cdot[h_{t-1}; x_t]$ | $W\cdot[h^{[t]}, x^{[t+1]}]$ | $W[a^{<t-1>}, x^{<t>}]$ |
#
# La coma dentro de los corchetes significa lo mismo que nuestro punto y coma: **apilar** $h$ encima de $x$. Los símbolos $\odot$ y $*$ son el producto elemento a elemento (de Hadamard).

# %%
diagrama_lstm(resaltar="olvido")

# %% [markdown]
# ## 2. La sigmoide
#
# $$\sigma(z) = \frac{1}{1 + e^{-z}}$$
#
# La sigmoide convierte cualquier número en uno entre 0 y 1. En una compuerta ese número se lee como **qué fracción dejar pasar**: un valor cercano a 0 significa «no dejes pasar nada» y uno cercano a 1, «déjalo pasar todo». Con $z = 0$ la compuerta deja pasar la mitad.
#
# **Predice, luego ejecuta.** Antes de correr la celda de abajo, anota: ¿cuánto valen $\sigma(0)$ y $\tanh(0)$? ¿A partir de qué $z$ crees que la sigmoide ya pasa de 0.99?
#
# <details>
# <summary>Respuesta</summary>
#
# $\sigma(0) = 1/(1 + 1) = 0.5$, la compuerta abierta a la mitad, y $\tanh(0) = 0$. La sigmoide pasa de 0.99 cuando $e^{-z} < 1/99$, es decir, con $z > \ln 99 \approx 4.6$; por simetría, baja de 0.01 con $z < -4.6$. La $\tanh$ se satura antes: pasa de 0.99 con $z > 2.65$ (porque $\tanh z = 2\sigma(2z) - 1$).
#
# </details>

# %%
z = np.linspace(-8, 8, 200)
plt.figure(figsize=(6, 2.8))
# La definición directa basta para dibujar en [-8, 8]; en el ejercicio 1 la harás estable.
plt.plot(z, 1 / (1 + np.exp(-z)), label="σ(z)")
plt.plot(z, np.tanh(z), "--", label="tanh(z)")
plt.axhline(0, color="gray", lw=0.5)
plt.xlabel("z")
plt.legend()
plt.title("σ va de 0 a 1; tanh va de -1 a 1")
plt.show()


# %% [markdown]
# ### Ejercicio 1 · Una sigmoide que no desborda (2 puntos)
#
# La fórmula directa tiene un problema: con $z = -1000$, numpy calcula $e^{1000}$, que no cabe en un `float` (el máximo ronda $10^{308}$). El resultado final sale bien por casualidad, pero numpy emite una **advertencia de desbordamiento**, y al calificar una advertencia cuenta como error.
#
# El truco es no calcular nunca la exponencial de un número positivo grande:
#
# $$\sigma(z) = \frac{1}{1 + e^{-z}} \quad\text{si } z \ge 0, \qquad \sigma(z) = \frac{e^{z}}{1 + e^{z}} \quad\text{si } z < 0 .$$
#
# Las dos expresiones son iguales (multiplica arriba y abajo por $e^{z}$), pero en cada caso la exponencial es de un número $\le 0$. Escribe `sigmoide_estable(z)` para un arreglo `z` de cualquier forma, sin ciclos: `np.abs` y `np.where(condicion, a, b)` te ayudan.

# %% nbgrader={"grade": false, "grade_id": "sigmoide_estable", "locked": false, "schema_version": 3, "solution": true}
def sigmoide_estable(z):
    """σ(z) = 1 / (1 + e^(-z)) sin desbordes.

    z: arreglo de cualquier forma  ->  arreglo de la misma forma, con valores en [0, 1]
    """
    z = np.asarray(z, dtype=float)
    ### BEGIN SOLUTION
    e = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    ### END SOLUTION
    return s


# %% nbgrader={"grade": true, "grade_id": "sigmoide_estable_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
s = llamar(sigmoide_estable, np.array([[-2.0, 0.0, 2.0]]))
comprobar_forma(s, (1, 3), "σ(z)", pista="La sigmoide se aplica elemento a elemento y conserva la forma.")
comprobar_cercano(s, [[0.11920292, 0.5, 0.88079708]], "σ(z)", errores_comunes={
    "¿olvidaste el signo menos? σ(z) = 1 / (1 + e^(-z)).": [[0.88079708, 0.5, 0.11920292]],
    "¿usaste tanh? La compuerta usa la sigmoide.": [[-0.96402758, 0.0, 0.96402758]],
})
# Entradas enormes: sin advertencias de desbordamiento.
with sin_advertencias("sigmoide_estable con z = ±1000"):
    s = sigmoide_estable(np.array([-1000.0, -50.0, 50.0, 1000.0]))
comprobar_cercano(s, [0.0, 1.9287498e-22, 1.0, 1.0], "σ(±1000)", atol=1e-12)
print("¡Bien! sigmoide_estable pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
for semilla in range(5):
    rng = generador(200 + semilla)
    forma = tuple(int(v) for v in rng.integers(1, 6, size=2))
    z = rng.standard_normal(forma) * (3 if semilla < 2 else 800)
    with sin_advertencias(f"sigmoide_estable con z de forma {forma}"):
        s = sigmoide_estable(z)
    comprobar_cercano(s, lstm.sigmoide(z), f"σ(z) con z de forma {forma}", atol=1e-12)
with sin_advertencias("sigmoide_estable con un vector de forma (n, 1)"):
    z = np.array([[-1e5], [-745.0], [0.0], [745.0], [1e5]])
    comprobar_cercano(sigmoide_estable(z), lstm.sigmoide(z), "σ(z) con |z| hasta 1e5", atol=1e-12)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. La compuerta de olvido
#
# La primera decisión de la celda en cada paso es **qué borrar de la cinta**. La compuerta de olvido mira el estado oculto anterior $h_{t-1}$ y la entrada actual $x_t$ y produce, para cada componente del estado de la celda, un número entre 0 y 1:
#
# $$f_t = \sigma\left(W_f \cdot [h_{t-1};\, x_t] + b_f\right)$$
#
# Un $f_t$ cercano a 1 significa «conserva este recuerdo»; uno cercano a 0, «olvídalo por completo». Por ejemplo, en un modelo de lenguaje la cinta puede guardar si el sujeto de la oración es singular o plural; cuando aparece un sujeto nuevo, conviene olvidar el anterior.
#
# | símbolo | forma |
# |---|---|
# | $x_t$ | `(n_x, m)` |
# | $h_{t-1}$ | `(n_h, m)` |
# | $W_f$ | `(n_h, n_h + n_x)`, actúa sobre $[h_{t-1}; x_t]$ (primero $h$) |
# | $b_f$ | `(n_h, 1)` |
# | $f_t$ | `(n_h, m)`, igual que $C_{t-1}$ |
#
# ### Ejercicio 2 · La compuerta de olvido (2 puntos)
#
# Escribe `compuerta_olvido(x_t, h_prev, W_f, b_f)`. Apila `h_prev` encima de `x_t` con `np.concatenate(..., axis=0)`, multiplica por `W_f` con `@`, suma `b_f` y aplica **tu** `sigmoide_estable`.

# %% nbgrader={"grade": false, "grade_id": "compuerta_olvido", "locked": false, "schema_version": 3, "solution": true}
def compuerta_olvido(x_t, h_prev, W_f, b_f):
    """f_t = σ(W_f·[h_prev; x_t] + b_f).

    x_t (n_x, m), h_prev (n_h, m), W_f (n_h, n_h + n_x), b_f (n_h, 1)  ->  f_t (n_h, m)
    """
    ### BEGIN SOLUTION
    concatenado = np.concatenate([h_prev, x_t], axis=0)
    f_t = sigmoide_estable(W_f @ concatenado + b_f)
    ### END SOLUTION
    return f_t


# %% nbgrader={"grade": true, "grade_id": "compuerta_olvido_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Esta prueba cambia sigmoide_estable por una «sigmoide» de juguete que NO es la sigmoide:
# s(z) = z/4 + 1/2, su recta tangente en z = 0. Así califica solo tu compuerta.
def sigmoide_de_juguete(z):
    return np.asarray(z, dtype=float) / 4 + 0.5


with con_referencia(globals(), sigmoide_estable=sigmoide_de_juguete):
    # Pesos en cero: la compuerta vale s(b_f) en cada columna.
    f_cero = llamar(compuerta_olvido, np.ones((1, 3)), np.ones((2, 3)), np.zeros((2, 3)), np.array([[0.0], [2.0]]))
    # Caso cerrado: n_h = 2, n_x = 1, m = 2. A mano, W_f·[h_prev; x_t] + b_f = [[3.5, -1.5], [0.5, -2.5]].
    W_f = np.array([[1.0, 0.0, 2.0],
                    [0.0, -1.0, 1.0]])
    h_prev = np.array([[1.0, 0.0],
                       [0.0, 1.0]])
    x_t = np.array([[1.0, -1.0]])
    b_f = np.array([[0.5], [-0.5]])
    f_t = compuerta_olvido(x_t, h_prev, W_f, b_f)
comprobar_forma(f_cero, (2, 3), "f_t", pista="f_t tiene un renglón por unidad (n_h) y una columna por ejemplo (m).")
comprobar_cercano(f_cero, [[0.5, 0.5, 0.5], [1.0, 1.0, 1.0]], "f_t con pesos cero", errores_comunes={
    "¿olvidaste sumar el sesgo b_f? Con pesos cero la compuerta vale σ(b_f).": np.full((2, 3), 0.5),
    "¿usaste tanh? La compuerta de olvido usa la sigmoide.": [[0.0, 0.0, 0.0], [np.float64(0.9640275800758169)] * 3],
})
comprobar_cercano(f_t, [[1.375, 0.125], [0.625, -0.125]], "f_t", errores_comunes={
    "¿concatenaste [x; h]? El orden del curso es [h_prev; x_t]: primero h.": [[0.875, 0.875], [0.125, 0.625]],
    "¿olvidaste sumar el sesgo b_f?": [[1.25, 0.0], [0.75, 0.0]],
    "¿usaste tanh? La compuerta de olvido usa la sigmoide.": [[0.998177897611, -0.905148253645], [0.46211715726, -0.986614298151]],
})
print("¡Bien! compuerta_olvido pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
with con_referencia(globals(), sigmoide_estable=lstm.sigmoide):
    for semilla in range(6):
        rng = generador(210 + semilla)
        n_x, n_h = (int(v) for v in rng.integers(1, 7, size=2))
        m = 1 if semilla < 2 else int(rng.integers(2, 6))
        escala = 100.0 if semilla == 5 else 1.0
        W_f = rng.standard_normal((n_h, n_h + n_x))
        b_f = rng.standard_normal((n_h, 1))
        x_t = escala * rng.standard_normal((n_x, m))
        h_prev = np.tanh(rng.standard_normal((n_h, m)))
        comprobar_cercano(compuerta_olvido(x_t, h_prev, W_f, b_f), lstm.olvido(x_t, h_prev, W_f, b_f), f"f_t con n_x={n_x}, n_h={n_h}, m={m}")
### END HIDDEN TESTS

# %% [markdown]
# ## 4. ¿Cuánto sobrevive en la cinta?
#
# Supón que en el paso 0 guardamos un valor $C_0$ y que durante los siguientes pasos **no se escribe nada nuevo**. Entonces cada paso solo multiplica la cinta por la compuerta de olvido:
#
# $$C_1 = f \odot C_0, \quad C_2 = f \odot C_1 = f^2 \odot C_0, \quad \dots, \quad C_k = f^k \odot C_0 .$$
#
# Si $f$ es constante, lo guardado decae exponencialmente, igual que el gradiente de la RNN de la lección 01. La diferencia es **quién controla el factor**: en la RNN es una matriz de pesos fija multiplicada por la derivada de $\tanh$; en la LSTM es una compuerta que la red aprende a poner en 0.99 cuando quiere recordar y en 0 cuando quiere olvidar.
#
# ### Ejercicio 3 · Memoria tras $k$ pasos (1 punto)
#
# Escribe `memoria_tras_k_pasos(C0, f_t, k)`: `C0` y `f_t` tienen forma `(n_h, m)` (la compuerta de olvido vale lo mismo en cada paso) y `k` es un entero $\ge 0$. Devuelve $C_k$.

# %% nbgrader={"grade": false, "grade_id": "memoria_tras_k_pasos", "locked": false, "schema_version": 3, "solution": true}
def memoria_tras_k_pasos(C0, f_t, k):
    """Lo que queda del estado de la celda tras k pasos sin escribir: C0 ⊙ f^k.

    C0 (n_h, m), f_t (n_h, m), k entero >= 0  ->  C_k (n_h, m)
    """
    ### BEGIN SOLUTION
    C_k = C0 * f_t ** k
    ### END SOLUTION
    return C_k


# %% nbgrader={"grade": true, "grade_id": "memoria_tras_k_pasos_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
C0 = np.array([[2.0, -1.0]])
f_t = np.array([[0.5, 0.9]])
C_k = llamar(memoria_tras_k_pasos, C0, f_t, 3)
comprobar_forma(C_k, (1, 2), "C_k", pista="C_k tiene la misma forma que C0.")
comprobar_cercano(C_k, [[0.25, -0.729]], "C_k con k = 3", errores_comunes={
    "¿multiplicaste por f·k? En cada paso se multiplica por f: el factor es f elevado a la k.": [[3.0, -2.7]],
    "¿olvidaste multiplicar por C0?": [[0.125, 0.729]],
    "¿elevaste a la k - 1? Tras k pasos la compuerta actuó k veces.": [[0.5, -0.81]],
})
comprobar_cercano(memoria_tras_k_pasos(C0, f_t, 0), C0, "C_k con k = 0 (no ha pasado nada)")
print("¡Bien! memoria_tras_k_pasos pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
for semilla in range(5):
    rng = generador(220 + semilla)
    n_h = int(rng.integers(1, 6))
    m = 1 if semilla == 0 else int(rng.integers(2, 6))
    k = int(rng.integers(0, 300))
    C0 = 5 * rng.standard_normal((n_h, m))
    f_t = rng.uniform(0.5, 1.0, size=(n_h, m))
    comprobar_cercano(memoria_tras_k_pasos(C0, f_t, k), lstm.remanente(C0, f_t, k), f"C_k con n_h={n_h}, m={m}, k={k}")
### END HIDDEN TESTS

# %% [markdown]
# ### Ejercicio 4 · La vida media de un recuerdo (2 puntos)
#
# ¿Cuántos pasos tarda la cinta en perder **la mitad** de lo que guardaba? Es el $k$ que cumple $f^k = \tfrac12$. Tomando logaritmos:
#
# $$k \ln f = \ln \tfrac12 \quad\Longrightarrow\quad k = \frac{\ln(1/2)}{\ln f} .$$
#
# Escribe `vida_media(f)` para un arreglo `f` de cualquier forma con valores entre 0 y 1 (sin incluirlos); devuelve un arreglo de la misma forma (el resultado puede no ser entero). Con `f = 0.5` la vida media es 1 paso; ¿cuánto da con 0.9 y con 0.99?

# %% nbgrader={"grade": false, "grade_id": "vida_media", "locked": false, "schema_version": 3, "solution": true}
def vida_media(f):
    """Pasos k con f^k = 1/2.

    f: arreglo de cualquier forma con 0 < f < 1  ->  arreglo de la misma forma
    """
    f = np.asarray(f, dtype=float)
    ### BEGIN SOLUTION
    pasos = np.log(0.5) / np.log(f)
    ### END SOLUTION
    return pasos


# %% nbgrader={"grade": true, "grade_id": "vida_media_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
pasos = llamar(vida_media, np.array([0.5, 0.9, 0.99]))
comprobar_forma(pasos, (3,), "la vida media", pista="Devuelve un valor por cada f.")
comprobar_cercano(pasos, [1.0, 6.57881348, 68.96756394], "la vida media", errores_comunes={
    "¿te falta un signo? La vida media es positiva: ln(1/2) y ln f son negativos.": [-1.0, -6.57881348, -68.96756394],
    "¿invertiste el cociente? k = ln(1/2) / ln f.": [1.0, 0.15200309, 0.01449957],
})
print("¡Bien! vida_media pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
for semilla in range(4):
    rng = generador(230 + semilla)
    forma = (int(rng.integers(1, 5)), 1 if semilla == 0 else int(rng.integers(2, 5)))
    f = rng.uniform(0.01, 0.999, size=forma)
    comprobar_cercano(vida_media(f), lstm.vida_media_olvido(f), f"la vida media con f de forma {forma}")
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Juega con la compuerta de olvido
#
# En el panel, los pesos de la compuerta valen cero, así que $f = \sigma(b_f)$ no depende de la entrada: solo el sesgo decide. La curva muestra qué fracción de $C_0$ sigue en la cinta después de cada paso.
#
# * ¿Qué sesgo necesitas para que la vida media pase de 100 pasos?
# * Con $b_f = 0$ (la compuerta abierta a la mitad), ¿cuánto queda tras 30 pasos? Compáralo con el gradiente de la RNN de la lección 01.
# * Por eso muchas bibliotecas inicializan $b_f$ en 1 o más: al principio del entrenamiento la celda recuerda por omisión.
#
# <details>
# <summary>Respuestas</summary>
#
# * **¿Qué sesgo necesitas para que la vida media pase de 100 pasos?** Hace falta $f^{100} > \tfrac12$, o sea $f > 0.5^{1/100} \approx 0.99309$, y eso pide $b_f > \ln\frac{0.99309}{1 - 0.99309} \approx 4.97$. En el panel, $b_f = 4.75$ da $f = 0.9914$ y una vida media de 80.5 pasos; $b_f = 5$ da $f = 0.9933$ y 103.2 pasos. Con $b_f = 8$ ($f = 0.9997$) la vida media ya es de unos 2067 pasos.
# * **Con $b_f = 0$, ¿cuánto queda tras 30 pasos? Compáralo con el gradiente de la RNN de la lección 01.** Con $b_f = 0$, $f = \sigma(0) = 0.5$: la vida media es de 1 paso y tras 30 pasos queda $0.5^{30} \approx 9.3\times10^{-10}$ (el panel muestra 0.00 %). Es el mismo decaimiento exponencial que el gradiente de la RNN con radio 0.5, que en el panel de la lección 01 baja de $10^{-3}$ a los 10 pasos. La diferencia es quién pone el factor: aquí es $\sigma(b_f)$, que la red aprende y puede acercar a 1 moviendo un solo sesgo (o, con $W_f$, según la entrada); allá era $\operatorname{diag}(1 - h^2)\,W_h$, que depende de todos los pesos recurrentes y de los estados.
# * **Por eso muchas bibliotecas inicializan $b_f$ en 1 o más.** Con $b_f = 1$, $f = 0.731$ y la vida media es de 2.2 pasos; con $b_f = 2$ (el valor inicial del panel), $f = 0.881$, la vida media es de 5.5 pasos y tras 30 pasos queda el 2.22 %. No es una memoria larga, pero al empezar a entrenar la cinta no se borra en un paso y el gradiente que viaja por ella tampoco; el entrenamiento sube $b_f$ donde haga falta recordar más.
#
# </details>

# %%
panel_olvido().mostrar()

# %% [markdown]
# ## Resumen
#
# * El **estado de la celda** $C_t$ es una cinta transportadora: en cada paso solo se multiplica por la compuerta de olvido y se le suma lo que se escribe.
# * La **sigmoide** da números entre 0 y 1 que se leen como «cuánto dejar pasar». Para no desbordar, nunca calcules $e^{z}$ con $z$ positivo grande.
# * La **compuerta de olvido** es $f_t = \sigma(W_f\cdot[h_{t-1}; x_t] + b_f)$, con forma `(n_h, m)`.
# * Sin escrituras, lo guardado decae como $f^k$ y su vida media es $\ln(1/2)/\ln f$: con $f$ cerca de 1 el recuerdo dura cientos de pasos.
#
# En la siguiente lección vemos la otra mitad del paso: **qué se escribe** en la cinta, con la compuerta de entrada y el valor candidato.

# %% [markdown]
# ## Cuestionario
#
# Cuatro preguntas para revisar las ideas de la lección, de 1 punto cada una. En cada celda escribe entre comillas la letra de tu respuesta, por ejemplo `respuesta_1 = "a"`. La prueba visible solo revisa que hayas elegido una de las opciones; al calificar se revisa cuál elegiste, y la retroalimentación te explica por qué es o no es la correcta.

# %% [markdown]
# **Pregunta 1.** Los pesos de la compuerta de olvido valen cero y su sesgo también: $W_f = 0$ y $b_f = 0$. ¿Qué hace la compuerta en cada paso con el estado de la celda?
#
# * (a) Lo borra todo, porque $f_t = 0$.
# * (b) Lo conserva todo, porque sin pesos la compuerta no hace nada y $f_t = 1$.
# * (c) Conserva la mitad de cada componente, porque $f_t = \sigma(0) = 0.5$.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_02_p1", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_1 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_02_p1_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_1, 1, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("02_compuerta_olvido", 1, respuesta_1)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 2.** La compuerta de olvido vale $f = 0.99$ en todos los pasos y no se escribe nada en la cinta. ¿Cuántos pasos tarda en perderse la mitad de lo guardado?
#
# * (a) 50 pasos
# * (b) unos 69 pasos
# * (c) 100 pasos
# * (d) Nunca: multiplicar por 0.99 deja casi todo.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_02_p2", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_2 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_02_p2_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_2, 2, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("02_compuerta_olvido", 2, respuesta_2)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 3.** Tu `sigmoide_estable` usa $e^{z}/(1 + e^{z})$ cuando $z < 0$, en lugar de $1/(1 + e^{-z})$. ¿Por qué?
#
# * (a) Porque así nunca se calcula la exponencial de un número positivo grande, que desborda; las dos expresiones son la misma función.
# * (b) Porque con $z$ negativo la fórmula $1/(1 + e^{-z})$ da un resultado equivocado.
# * (c) Porque la compuerta necesita valores negativos cuando $z < 0$, y $e^{z}/(1 + e^{z})$ los da.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_02_p3", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_3 = "a"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_02_p3_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_3, 3, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("02_compuerta_olvido", 3, respuesta_3)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 4.** Sin escrituras, lo guardado en la cinta decae como $f^k$, y el gradiente de la RNN de la lección 01 también decae exponencialmente. ¿Cuál es la diferencia de fondo?
#
# * (a) Ninguna: los dos decaimientos son exponenciales, así que la LSTM también lo olvida todo en unos cuantos pasos.
# * (b) En la LSTM el factor es mayor que 1, así que lo guardado crece en lugar de desvanecerse.
# * (c) En la LSTM el factor es una compuerta que la red aprende, calculada a partir de la entrada, y puede ponerla cerca de 1 para recordar (o en 0 para olvidar); en la RNN el factor es $\operatorname{diag}(1 - h^2)\,W_h$, que la red no decide paso a paso.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_02_p4", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_4 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_02_p4_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_4, 4, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("02_compuerta_olvido", 4, respuesta_4)
### END HIDDEN TESTS
