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
# # Lección 04 · El estado de la celda
#
# **Tiempo estimado:** unos 60 minutos. **Antes de empezar:** las lecciones 02 y 03 (las compuertas de olvido y de entrada, el valor candidato y el producto elemento a elemento) y, para la sección 5, el producto de jacobianos de la lección 01.
#
# Ya tienes las piezas: la compuerta de olvido decide cuánto **conservar** de la cinta (lección 02) y la compuerta de entrada con el valor candidato deciden qué **escribir** (lección 03). En esta lección las juntamos en la ecuación central de la LSTM, la actualización del **estado de la celda**:
#
# $$C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t$$
#
# **Al terminar podrás:**
#
# 1. calcular productos de Hadamard (elemento a elemento) a mano y con numpy;
# 2. actualizar el estado de la celda en un paso y a lo largo de una secuencia de compuertas dadas;
# 3. elegir compuertas que escriban un valor, lo guarden muchos pasos y lo borren después;
# 4. explicar por qué el gradiente viaja por la cinta sin desvanecerse cuando $f_t \approx 1$.
#
# **Cómo trabajar.** Ejecuta las celdas en orden (`Shift + Enter`). Donde veas `# TU CÓDIGO AQUÍ`, borra la línea `raise NotImplementedError(…)` y escribe tu solución. Cada ejercicio va seguido de una celda de pruebas: si no muestra error, vas bien. Al calificar se agregan pruebas ocultas con datos aleatorios, así que resuelve el caso general y no solo el ejemplo. El botón **Validate** de la barra del cuaderno corre todas las pruebas visibles a la vez.

# %% nbgrader={"grade": false, "grade_id": "preparacion", "locked": true, "schema_version": 3, "solution": false}
import numpy as np
import matplotlib.pyplot as plt

from course.cuestionario import revisar_respuesta
from course.diagramas import diagrama_lstm
from course.paneles import panel_estado_celda
from course.pruebas import comprobar_cercano, comprobar_forma, con_referencia, generador

# %% [markdown]
# ## 1. El producto de Hadamard
#
# El producto de Hadamard $A \odot B$ (en algunas notas $A \circ B$ o $A * B$) multiplica dos matrices **de la misma forma** elemento a elemento. No es el producto matricial: no hay sumas de renglón por columna.
#
# $$\begin{bmatrix} 3 & 5 & 7 \\ 4 & 9 & 8 \end{bmatrix} \odot \begin{bmatrix} 1 & 6 & 3 \\ 0 & 2 & 9 \end{bmatrix} = \begin{bmatrix} 3 \times 1 & 5 \times 6 & 7 \times 3 \\ 4 \times 0 & 9 \times 2 & 8 \times 9 \end{bmatrix} = \begin{bmatrix} 3 & 30 & 21 \\ 0 & 18 & 72 \end{bmatrix}$$
#
# En numpy es el operador `*`. Fíjate en que el producto matricial `@` ni siquiera está definido aquí: una matriz de $2\times 3$ no se puede multiplicar por otra de $2\times 3$.

# %%
A = np.array([[3, 5, 7],
              [4, 9, 8]])
B = np.array([[1, 6, 3],
              [0, 2, 9]])
print(A * B)

# %% [markdown]
# En la LSTM, $f_t$, $C_{t-1}$, $i_t$ y $\tilde{C}_t$ tienen forma `(n_h, m)`: cada unidad de cada ejemplo tiene su propia compuerta. La unidad 1 puede estar guardando algo ($f \approx 1$) mientras la unidad 2 lo borra ($f \approx 0$), en el mismo paso.
#
# ## 2. La actualización
#
# $$C_t = \underbrace{f_t \odot C_{t-1}}_{\text{lo que se conserva}} + \underbrace{i_t \odot \tilde{C}_t}_{\text{lo que se escribe}}$$
#
# Esta es la cinta transportadora en acción: el estado anterior pasa multiplicado por la compuerta de olvido y se le suma lo que se escribe. No hay matriz de pesos ni $\tanh$ en el camino de $C_{t-1}$ a $C_t$: esas «interacciones lineales menores» son la razón de que la información viaje lejos. (En las diapositivas con corchetes: $C^{[t+1]} = f^{[t+1]} \odot C^{[t]} + e^{[t+1]}$; con $\Gamma$: $c^{<t>} = \Gamma_u * \tilde{c}^{<t>} + \Gamma_f * c^{<t-1>}$.)

# %%
diagrama_lstm(resaltar="estado")


# %% [markdown]
# ### Ejercicio 1 · Actualizar el estado de la celda (2 puntos)
#
# Escribe `actualizar_celda(f_t, C_prev, i_t, C_tilde)`; todos son `(n_h, m)` y devuelve `C_t` `(n_h, m)`.

# %% nbgrader={"grade": false, "grade_id": "actualizar_celda", "locked": false, "schema_version": 3, "solution": true}
def actualizar_celda(f_t, C_prev, i_t, C_tilde):
    """C_t = f_t ⊙ C_prev + i_t ⊙ C_tilde.

    f_t, C_prev, i_t, C_tilde (n_h, m)  ->  C_t (n_h, m)
    """
    ### BEGIN SOLUTION
    C_t = f_t * C_prev + i_t * C_tilde
    ### END SOLUTION
    return C_t


# %% nbgrader={"grade": true, "grade_id": "actualizar_celda_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
f_t = np.array([[1.0, 0.5],
                [0.0, 0.9]])
C_prev = np.array([[2.0, -1.0],
                   [3.0, 0.5]])
i_t = np.array([[0.3, 0.5],       # i_t ≠ 1 − f_t: las dos compuertas son independientes
                [1.0, 0.6]])
C_tilde = np.array([[0.9, 0.8],
                    [-0.4, 1.0]])
C_t = llamar(actualizar_celda, f_t, C_prev, i_t, C_tilde)
comprobar_forma(C_t, (2, 2), "C_t", pista="C_t tiene la forma de C_prev, (n_h, m).")
comprobar_cercano(C_t, [[2.27, -0.1], [-0.4, 1.05]], "C_t", errores_comunes={
    "¿intercambiaste f_t e i_t? La compuerta de olvido multiplica a C_prev; la de entrada, al candidato.": [[1.5, -0.1], [3.0, 1.2]],
    "¿olvidaste multiplicar el candidato por la compuerta de entrada?": [[2.9, 0.3], [-0.4, 1.45]],
    "¿olvidaste multiplicar C_prev por la compuerta de olvido?": [[2.27, -0.6], [2.6, 1.1]],
    "¿usaste @ (producto matricial)? Aquí todo es elemento a elemento, *.": [[3.57, -0.01], [3.36, 1.85]],
    "¿acoplaste las compuertas con (1 − f_t) en lugar de usar i_t? En la LSTM la compuerta de entrada es independiente.": [[2.0, -0.1], [-0.4, 0.55]],
})
# Forma no cuadrada: n_h = 3, m = 1.
comprobar_forma(actualizar_celda(*(np.ones((3, 1)) for _ in range(4))), (3, 1), "C_t")
print("¡Bien! actualizar_celda pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
for semilla in range(5):
    rng = generador(400 + semilla)
    n_h = int(rng.integers(1, 7))
    m = 1 if semilla == 0 else int(rng.integers(2, 6))
    f_t, i_t = rng.uniform(0, 1, size=(2, n_h, m))
    C_prev = 10 * rng.standard_normal((n_h, m))
    C_tilde = rng.uniform(-1, 1, size=(n_h, m))
    comprobar_cercano(actualizar_celda(f_t, C_prev, i_t, C_tilde), lstm.nuevo_estado(f_t, C_prev, i_t, C_tilde), f"C_t con n_h={n_h}, m={m}")
### END HIDDEN TESTS

# %% [markdown]
# ## 3. La cinta a lo largo del tiempo
#
# En una LSTM completa, $f_t$, $i_t$ y $\tilde{C}_t$ salen de redes que leen la entrada. Para entender la cinta sola, aquí las **damos ya calculadas**: tres arreglos `F`, `I`, `C_tilde` de forma `(n_h, m, T)`, donde `F[:, :, t]` es la compuerta de olvido del paso `t`, y así con las demás.
#
# ### Ejercicio 2 · Recorrer la cinta (2 puntos)
#
# Escribe `recorrer_celda(F, I, C_tilde, C0)` que parta del estado inicial `C0` `(n_h, m)` que recibe y devuelva `C` `(n_h, m, T)` con `C[:, :, t]` igual al estado **después** del paso `t`. Usa tu `actualizar_celda`.

# %% nbgrader={"grade": false, "grade_id": "recorrer_celda", "locked": false, "schema_version": 3, "solution": true}
def recorrer_celda(F, I, C_tilde, C0):
    """Aplica actualizar_celda en cada paso.

    F, I, C_tilde (n_h, m, T), C0 (n_h, m)  ->  C (n_h, m, T)
    """
    n_h, m, T = F.shape
    C = np.zeros((n_h, m, T))
    ### BEGIN SOLUTION
    c = C0
    for t in range(T):
        c = actualizar_celda(F[:, :, t], c, I[:, :, t], C_tilde[:, :, t])
        C[:, :, t] = c
    ### END SOLUTION
    return C


# %% nbgrader={"grade": true, "grade_id": "recorrer_celda_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
from course.pruebas import comprobar_sin_cambios

# Esta prueba cambia actualizar_celda por una celda de juguete que NO es la de la LSTM:
# C_t = 2·C_prev + f + i + C̃. Así califica solo tu ciclo.
def celda_de_juguete(f_t, C_prev, i_t, C_tilde):
    return 2 * C_prev + f_t + i_t + C_tilde


with con_referencia(globals(), actualizar_celda=celda_de_juguete):
    # Una unidad, un ejemplo, tres pasos, desde C0 = 1.
    F = np.array([1.0, 0.5, 0.0]).reshape(1, 1, 3)
    I = np.array([1.0, 0.0, 1.0]).reshape(1, 1, 3)
    C_tilde = np.array([0.5, 0.9, -0.2]).reshape(1, 1, 3)
    C0 = np.array([[1.0]])
    C = llamar(recorrer_celda, F, I, C_tilde, C0)
comprobar_sin_cambios([[1.0]], C0, "C0")
comprobar_forma(C, (1, 1, 3), "C", pista="C guarda un estado (n_h, m) por cada uno de los T pasos.")
# A mano: 2·1 + 1 + 1 + 0.5 = 4.5;  2·4.5 + 0.5 + 0 + 0.9 = 10.4;  2·10.4 + 0 + 1 − 0.2 = 21.6
comprobar_cercano(C, np.array([4.5, 10.4, 21.6]).reshape(1, 1, 3), "C", errores_comunes={
    "¿empezaste desde ceros? Debes partir del C0 que recibe la función.": np.array([2.5, 6.4, 13.6]).reshape(1, 1, 3),
    "¿guardaste el estado anterior en lugar del nuevo? C[:, :, t] es el estado después del paso t.": np.array([1.0, 4.5, 10.4]).reshape(1, 1, 3),
    "¿usaste C0 en cada paso? El estado de cada paso parte del estado del paso anterior.": np.array([4.5, 3.4, 2.8]).reshape(1, 1, 3),
})
print("¡Bien! recorrer_celda pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
with con_referencia(globals(), actualizar_celda=lstm.nuevo_estado):
    for semilla in range(5):
        rng = generador(410 + semilla)
        n_h, T = (int(v) for v in rng.integers(1, 8, size=2))
        m = 1 if semilla == 0 else int(rng.integers(2, 5))
        F, I = rng.uniform(0, 1, size=(2, n_h, m, T))
        C_tilde = rng.uniform(-1, 1, size=(n_h, m, T))
        C0 = 3 * rng.standard_normal((n_h, m))
        esperado, C0_antes = lstm.recorrido_estado(F, I, C_tilde, C0), C0.copy()
        comprobar_cercano(recorrer_celda(F, I, C_tilde, C0), esperado, f"C con n_h={n_h}, m={m}, T={T}")
        comprobar_sin_cambios(C0_antes, C0, "C0")
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Escribir, guardar y borrar
#
# Piensa en una frase como «Los gatos, que la vecina encontró en la azotea durante la tormenta, estaban empapados». Una unidad de la cinta puede hacer tres cosas en momentos distintos:
#
# 1. **escribir** al leer «gatos»: compuerta de entrada abierta ($i_t = 1$) y un candidato que diga «plural»;
# 2. **guardar** mientras lee la cláusula: compuerta de olvido abierta ($f_t = 1$) y compuerta de entrada cerrada ($i_t = 0$), para que las palabras de en medio no escriban nada;
# 3. **borrar** cuando el dato ya no sirve (por ejemplo, al empezar otra oración): compuerta de olvido cerrada ($f_t = 0$).
#
# ### Ejercicio 3 · Un guion para la cinta (2 puntos)
#
# Escribe `compuertas_escenario(T, t_escribir, t_borrar, valor)` que devuelva la tupla `(F, I, C_tilde)`, cada una de forma `(1, 1, T)` (una unidad, un ejemplo), tal que, partiendo de $C_0 = 0$:
#
# * $C$ vale 0 en los pasos anteriores a `t_escribir`;
# * $C$ vale exactamente `valor` desde el paso `t_escribir` hasta el paso `t_borrar - 1`;
# * $C$ vale 0 desde el paso `t_borrar` hasta el final.
#
# Los pasos se cuentan desde 0 como los índices de numpy, $0 \le$ `t_escribir` $<$ `t_borrar` $< T$, y $-1 <$ `valor` $< 1$. Las compuertas deben estar entre 0 y 1 y el candidato entre -1 y 1, como en una LSTM de verdad. La prueba recorre la cinta con tus compuertas y compara el estado de cada paso.

# %% nbgrader={"grade": false, "grade_id": "compuertas_escenario", "locked": false, "schema_version": 3, "solution": true}
def compuertas_escenario(T, t_escribir, t_borrar, valor):
    """Compuertas que escriben valor en t_escribir, lo guardan y lo borran en t_borrar.

    T, t_escribir, t_borrar enteros; valor en (-1, 1)  ->  (F, I, C_tilde), cada uno (1, 1, T)
    """
    ### BEGIN SOLUTION
    F = np.ones((1, 1, T))
    I = np.zeros((1, 1, T))
    C_tilde = np.zeros((1, 1, T))
    I[0, 0, t_escribir] = 1.0
    C_tilde[0, 0, t_escribir] = valor
    F[0, 0, t_borrar] = 0.0
    ### END SOLUTION
    return F, I, C_tilde


# %% nbgrader={"grade": true, "grade_id": "compuertas_escenario_prueba", "locked": true, "points": 2, "schema_version": 3, "solution": false}
def estado_del_guion(compuertas, T):
    # Recorre la cinta desde C0 = 0 con (F, I, C_tilde) y devuelve el estado de cada paso, (T,).
    assert isinstance(compuertas, tuple) and len(compuertas) == 3, "compuertas_escenario debe devolver la tupla (F, I, C_tilde)."
    for nombre, arreglo in zip(("F", "I", "C_tilde"), compuertas):
        comprobar_forma(arreglo, (1, 1, T), nombre, pista="Cada arreglo del guion tiene forma (1, 1, T).")
    F, I, C_tilde = compuertas
    assert np.all((F >= 0) & (F <= 1)) and np.all((I >= 0) & (I <= 1)), "Las compuertas F e I deben estar entre 0 y 1."
    assert np.all(np.abs(C_tilde) <= 1), "El valor candidato debe estar entre -1 y 1."
    # Una unidad: números sueltos, paso por paso.
    c, estados = 0.0, []
    for f, i, c_tilde in zip(F.ravel(), I.ravel(), C_tilde.ravel()):
        c = float(f) * c + float(i) * float(c_tilde)
        estados.append(c)
    return np.array(estados)


# T = 8: escribir 0.7 en el paso 2 y borrarlo en el paso 6.
C = estado_del_guion(compuertas_escenario(8, 2, 6, 0.7), 8)
comprobar_cercano(C, [0, 0, 0.7, 0.7, 0.7, 0.7, 0, 0], "C en cada paso", errores_comunes={
    "¿borraste un paso tarde? En el paso t_borrar el estado ya debe valer 0.": [0, 0, 0.7, 0.7, 0.7, 0.7, 0.7, 0],
    "¿olvidaste borrar? En el paso t_borrar la compuerta de olvido debe cerrarse.": [0, 0, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7],
    "¿dejaste abierta la compuerta de entrada después de escribir? Cada paso vuelve a sumar el candidato.": [0, 0, 0.7, 1.4, 2.1, 2.8, 0.7, 1.4],
}, pista="Revisa en qué paso abres la compuerta de entrada y en cuál cierras la de olvido.")
print("¡Bien! compuertas_escenario pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
for semilla in range(6):
    rng = generador(420 + semilla)
    T = int(rng.integers(3, 60))
    t_escribir = int(rng.integers(0, T - 2))
    t_borrar = int(rng.integers(t_escribir + 1, T))
    valor = float(rng.uniform(-0.95, 0.95))
    esperado = np.zeros(T)
    esperado[t_escribir:t_borrar] = valor
    C = estado_del_guion(compuertas_escenario(T, t_escribir, t_borrar, valor), T)
    comprobar_cercano(C, esperado, f"C con T={T}, t_escribir={t_escribir}, t_borrar={t_borrar}, valor={valor:.2f}")
### END HIDDEN TESTS

# %% [markdown]
# ## 5. El gradiente por la cinta
#
# ¿Por qué la LSTM recuerda mejor que la RNN? Mira la derivada de un paso de la cinta respecto al anterior. Si por un momento ignoramos que las compuertas también dependen del pasado (a través de $h_{t-1}$), de $C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t$ sale
#
# $$\frac{\partial C_t}{\partial C_{t-1}} = \operatorname{diag}(f_t), \qquad \frac{\partial C_T}{\partial C_0} = \operatorname{diag}\left(f_1 \odot f_2 \odot \cdots \odot f_T\right).$$
#
# En la RNN de la lección 01 cada paso multiplicaba por $\operatorname{diag}(1 - h^2)\,W_h$: una matriz fija que casi siempre encoge (o estira) el gradiente. Aquí el factor es la compuerta de olvido, que la red **controla**: si $f_t \approx 1$ mientras hace falta recordar, el gradiente viaja casi intacto. Es el «flujo de error constante» que buscaban Hochreiter y Schmidhuber (1997).
#
# ### Ejercicio 4 · El gradiente que viaja por la cinta (1 punto)
#
# Escribe `gradiente_cinta(F)`: con `F` de forma `(n_h, m, T)` devuelve el producto de las compuertas de olvido a lo largo del tiempo, un arreglo `(n_h, m)` (la diagonal de $\partial C_T / \partial C_0$ para cada unidad y ejemplo). `np.prod` acepta el argumento `axis`.

# %% nbgrader={"grade": false, "grade_id": "gradiente_cinta", "locked": false, "schema_version": 3, "solution": true}
def gradiente_cinta(F):
    """∂C_T/∂C_0 por la cinta (sin contar el camino por h): producto de las compuertas de olvido.

    F (n_h, m, T)  ->  (n_h, m)
    """
    ### BEGIN SOLUTION
    producto = np.prod(F, axis=2)
    ### END SOLUTION
    return producto


# %% nbgrader={"grade": true, "grade_id": "gradiente_cinta_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from course.pruebas import llamar  # explica en español los errores de formas de numpy
# Una unidad, dos ejemplos, tres pasos.
F = np.array([[[0.5, 0.5, 0.5],
               [0.9, 1.0, 0.8]]])
gradiente = llamar(gradiente_cinta, F)
comprobar_forma(gradiente, (1, 2), "∂C_T/∂C_0", pista="Multiplica solo a lo largo del tiempo (el último eje): queda un valor por unidad y ejemplo.")
comprobar_cercano(gradiente, [[0.125, 0.72]], "∂C_T/∂C_0", errores_comunes={
    "¿sumaste? Las derivadas de pasos encadenados se multiplican.": [[1.5, 2.7]],
    "¿promediaste? Las derivadas de pasos encadenados se multiplican.": [[0.5, 0.9]],
})
print("¡Bien! gradiente_cinta pasa las pruebas visibles.")
### BEGIN HIDDEN TESTS
from autograder.referencias import lstm
for semilla in range(4):
    rng = generador(430 + semilla)
    n_h, m = int(rng.integers(1, 6)), 1 if semilla == 0 else int(rng.integers(2, 5))
    T = int(rng.integers(1, 200))
    F = rng.uniform(0.9, 1.0, size=(n_h, m, T))
    comprobar_cercano(gradiente_cinta(F), lstm.producto_olvidos(F), f"∂C_T/∂C_0 con n_h={n_h}, m={m}, T={T}")
### END HIDDEN TESTS

# %% [markdown]
# ## 6. Juega con la cinta
#
# El panel recorre 32 pasos en tres fases. En la fase de **escribir** el candidato vale 0.8; en las otras dos llegan candidatos de $-0.5$ que no deberían entrar. Mueve las compuertas de cada fase.
#
# **Predice, luego ejecuta.** El panel arranca con $f = 0$ e $i = 1$ al escribir (la cinta queda en 0.8), $f = 0.95$ e $i = 0$ al guardar, y $f = 0.5$ e $i = 0$ al olvidar. La fase de guardar dura 22 pasos: antes de ejecutar la celda, estima cuánto queda de 0.8 al terminar de guardar (pista: lección 02).
#
# * Deja $f = 0.9$ al guardar: ¿cuánto queda de 0.8 al final de la fase? ¿Y con $f = 1$?
# * Abre un poco la compuerta de entrada al guardar: el recuerdo se contamina con los $-0.5$.
# * ¿Qué compuertas borran el recuerdo en un solo paso?
#
# <details>
# <summary>Respuestas</summary>
#
# * **Predicción: con $f = 0.95$ durante 22 pasos, ¿cuánto queda de 0.8?** $0.8 \times 0.95^{22} \approx 0.259$, lo que dice el panel. La vida media con $f = 0.95$ es de 13.5 pasos, y 22 pasos son algo más de una vida media y media.
# * **Deja $f = 0.9$ al guardar: ¿cuánto queda de 0.8 al final de la fase? ¿Y con $f = 1$?** Los 22 pasos multiplican por $f$: con $f = 0.9$ queda $0.8 \times 0.9^{22} \approx 0.079$, menos de la décima parte (la vida media con $f = 0.9$ es de 6.6 pasos). Con $f = 1$ queda exactamente 0.800: sin escrituras, la cinta guarda el valor tal cual, el tiempo que haga falta.
# * **Abre un poco la compuerta de entrada al guardar.** Cada paso suma $i \times (-0.5)$. Con $f = 1$ e $i = 0.05$, los 22 pasos restan $22 \times 0.025 = 0.55$ y quedan 0.250; con $i = 0.1$ restan 1.1 y el recuerdo cambia de signo: $-0.300$. Una compuerta de entrada «casi cerrada» no basta si se queda entreabierta muchos pasos: por eso la LSTM necesita que $i_t$ se cierre de verdad en las palabras que no importan.
# * **¿Qué compuertas borran el recuerdo en un solo paso?** $f = 0$ e $i = 0$ en la fase de olvidar: el primer paso de la fase deja $C = 0$ y ahí se queda (el panel dice «al final C = 0.000»). Con $f = 0$ pero $i > 0$ la cinta no queda en cero, sino en lo que se escribe: con $i = 0.2$, $0.2 \times (-0.5) = -0.100$. Con los valores iniciales ($f = 0.5$) no se borra en un paso, se va apagando: al final queda 0.002.
#
# </details>

# %%
panel_estado_celda().mostrar()

# %% [markdown]
# ## Resumen
#
# * El producto de Hadamard multiplica elemento a elemento (`*` en numpy); cada unidad de cada ejemplo tiene su propia compuerta.
# * La cinta se actualiza con $C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t$: se conserva una parte de lo anterior y se suma lo que se escribe.
# * Con $i = 1$ y $f$ cualquiera se escribe; con $f = 1$ e $i = 0$ se guarda tal cual; con $f = 0$ se borra.
# * Por la cinta, $\partial C_T/\partial C_0$ es el producto de las compuertas de olvido: si valen casi 1, el gradiente no se desvanece.
#
# En la siguiente lección falta la última compuerta: la de **salida**, que decide qué parte de la cinta se muestra en el estado oculto $h_t$. Con ella armamos la LSTM completa.

# %% [markdown]
# ## Cuestionario
#
# Cuatro preguntas para revisar las ideas de la lección, de 1 punto cada una. En cada celda escribe entre comillas la letra de tu respuesta, por ejemplo `respuesta_1 = "a"`. La prueba visible solo revisa que hayas elegido una de las opciones; al calificar se revisa cuál elegiste, y la retroalimentación te explica por qué es o no es la correcta.

# %% [markdown]
# **Pregunta 1.** En un paso, la compuerta de olvido vale $f_t = 1$ y la de entrada, $i_t = 0$. ¿Qué le pasa al estado de la celda?
#
# * (a) Se borra, porque la compuerta de olvido está al máximo.
# * (b) Se reemplaza por el valor candidato $\tilde{C}_t$.
# * (c) Se guarda tal cual: $C_t = C_{t-1}$.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_04_p1", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_1 = "c"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_04_p1_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_1, 1, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("04_estado_celda", 1, respuesta_1)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 2.** Una unidad y dos ejemplos ($n_h = 1$, $m = 2$, una columna por ejemplo): $f_t = \begin{bmatrix} 0.5 & 1 \end{bmatrix}$, $C_{t-1} = \begin{bmatrix} 2 & -1 \end{bmatrix}$, $i_t = \begin{bmatrix} 1 & 0 \end{bmatrix}$ y $\tilde{C}_t = \begin{bmatrix} 0.4 & 0.9 \end{bmatrix}$. ¿Cuánto vale $C_t$?
#
# * (a) $\begin{bmatrix} 2.2 & 0.9 \end{bmatrix}$
# * (b) $\begin{bmatrix} 1.4 & -1 \end{bmatrix}$
# * (c) $\begin{bmatrix} 1.2 & -1 \end{bmatrix}$
# * (d) $\begin{bmatrix} 1.4 & -0.1 \end{bmatrix}$

# %% nbgrader={"grade": false, "grade_id": "cuestionario_04_p2", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_2 = "b"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_04_p2_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_2, 2, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("04_estado_celda", 2, respuesta_2)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 3.** La compuerta de olvido vale $f_t = 0.99$ en los 100 pasos de una secuencia. Por la cinta (sin contar el camino que pasa por $h$), ¿cuánto vale $\partial C_{100} / \partial C_0$?
#
# * (a) $100 \times 0.99 = 99$
# * (b) $0.99$
# * (c) Prácticamente 0: un producto de 100 factores siempre se desvanece, como en la RNN.
# * (d) $0.99^{100} \approx 0.37$

# %% nbgrader={"grade": false, "grade_id": "cuestionario_04_p3", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_3 = "d"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_04_p3_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_3, 3, "abcd")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("04_estado_celda", 3, respuesta_3)
### END HIDDEN TESTS

# %% [markdown]
# **Pregunta 4.** En el panel, con $f = 1$ al guardar y la compuerta de entrada apenas abierta ($i = 0.1$), al terminar de guardar la cinta vale $-0.300$ en lugar de 0.8. ¿Por qué?
#
# * (a) En cada uno de los 22 pasos de guardar se suma $i \times \tilde{C} = 0.1 \times (-0.5) = -0.05$: $0.8 - 22 \times 0.05 = -0.3$.
# * (b) Al abrir la compuerta de entrada se cierra un poco la de olvido ($f = 1 - i = 0.9$), y lo guardado decae.
# * (c) La compuerta de entrada multiplica al estado: en cada paso $C$ se multiplica por 0.1.

# %% nbgrader={"grade": false, "grade_id": "cuestionario_04_p4", "locked": false, "schema_version": 3, "solution": true}
# Escribe entre comillas la letra de tu respuesta.
### BEGIN SOLUTION
respuesta_4 = "a"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "cuestionario_04_p4_prueba", "locked": true, "points": 1, "schema_version": 3, "solution": false}
revisar_respuesta(respuesta_4, 4, "abc")
### BEGIN HIDDEN TESTS
from autograder.referencias.cuestionario import calificar_respuesta
calificar_respuesta("04_estado_celda", 4, respuesta_4)
### END HIDDEN TESTS
