"""LSTM en lote (estándar, con mirillas y acoplada): adelante y atrás con pesos apilados.

Convención del curso: x (n_x, m, T), h y C (n_h, m). Los pesos de las compuertas se apilan por
renglones en ``W`` (R, n_h + n_x), que actúa sobre ``[h_{t-1}; x_t]``, y ``b`` (R, 1):

* ``"estandar"`` y ``"mirilla"``: R = 4 n_h, bloques (f, i, o, C̃);
* ``"acoplada"``: R = 3 n_h, bloques (f, o, C̃), con i = 1 − f.

Las compuertas sigmoides van primero y el valor candidato al final para que cada activación
sea una sola operación sobre renglones contiguos. Con mirillas, ``V`` (3 n_h, n_h) apila
V_f, V_i, V_o: f e i ven C_{t-1} y o ve C_t, es decir
W_f·[C_{t-1}; h_{t-1}; x_t] = V_f·C_{t-1} + W_f·[h_{t-1}; x_t].

Cada paso de :func:`adelante` hace UN producto matricial: ``[W | b]`` apilados para todas las
compuertas sobre ``[h_{t-1}; x_t; 1]``, así que la entrada y el sesgo entran sin sumas aparte; ese
producto es un ``matmul`` apilado por bloques de :data:`RENGLONES_POR_PRODUCTO` renglones. Por dentro
cada paso escribe en ``[C_{t-1}; C̃; sigmoides]``: un solo tanh activa todas las compuertas
(σ(z) = ½ tanh(z/2) + ½) y f⊙C_{t-1}, i⊙C̃ salen de una sola multiplicación. Los ciclos escriben en
arreglos reservados de antemano (``out=``), con vistas hechas antes del ciclo, y conservan el tipo de
los pesos (float32 si lo son).
"""

from __future__ import annotations

import numpy as np

__all__ = ["ELEMENTOS_POR_BLOQUE", "RENGLONES_POR_PRODUCTO", "VARIANTES", "bloques", "iniciar", "desde_compuertas", "a_compuertas", "adelante", "atras"]

VARIANTES = ("estandar", "mirilla", "acoplada")

#: Renglones de ``[W | b]`` por producto en :func:`adelante`: con OpenBLAS y n_h = 128, 16 productos de 32 renglones
#: en un matmul apilado tardan ~15 % menos que uno de 512 (medido; 128 renglones es lo más lento).
RENGLONES_POR_PRODUCTO = 32


def bloques(variante: str = "estandar") -> tuple[str, ...]:
    """Orden de los bloques de renglones de ``W`` y ``b`` para la variante."""
    if variante not in VARIANTES:
        raise ValueError(f"variante desconocida {variante!r}; usa una de {VARIANTES}")
    return ("f", "o", "C") if variante == "acoplada" else ("f", "i", "o", "C")


def iniciar(n_x: int, n_h: int, rng: np.random.Generator, variante: str = "estandar", dtype=np.float64,
            sesgo_olvido: float = 1.0) -> dict:
    """Parámetros iniciales: ``W`` (R, n_h + n_x) uniforme en ±1/√n_h y ``b`` (R, 1) en ceros salvo f.

    Un sesgo positivo en la compuerta de olvido (``sesgo_olvido``) hace que al principio la celda
    recuerde: f ≈ σ(sesgo) (Gers et al., 2000; Jozefowicz et al., 2015).
    Con ``variante="mirilla"`` añade ``V`` (3 n_h, n_h).
    """
    R = len(bloques(variante)) * n_h
    k = 1.0 / np.sqrt(n_h)
    p = {"W": rng.uniform(-k, k, (R, n_h + n_x)).astype(dtype), "b": np.zeros((R, 1), dtype=dtype)}
    p["b"][:n_h] = sesgo_olvido
    if variante == "mirilla":
        p["V"] = rng.uniform(-k, k, (3 * n_h, n_h)).astype(dtype)
    return p


def desde_compuertas(p: dict, variante: str = "estandar") -> dict:
    """Del diccionario del curso (``W_f, b_f, …``; ``V_f, V_i, V_o`` con mirillas) a pesos apilados."""
    orden = bloques(variante)
    q = {"W": np.concatenate([p[f"W_{g}"] for g in orden]), "b": np.concatenate([p[f"b_{g}"] for g in orden])}
    if variante == "mirilla":
        q["V"] = np.concatenate([p["V_f"], p["V_i"], p["V_o"]])
    return q


def a_compuertas(q: dict, variante: str = "estandar") -> dict:
    """Inversa de :func:`desde_compuertas`: parte ``W`` (R, ·), ``b`` (R, 1) y ``V`` por compuerta."""
    orden = bloques(variante)
    n_h = q["W"].shape[0] // len(orden)
    p = {}
    for k, g in enumerate(orden):
        p[f"W_{g}"] = q["W"][k * n_h:(k + 1) * n_h]
        p[f"b_{g}"] = q["b"][k * n_h:(k + 1) * n_h]
    if variante == "mirilla":
        p["V_f"], p["V_i"], p["V_o"] = (q["V"][k * n_h:(k + 1) * n_h] for k in range(3))
    return p


def adelante(x: np.ndarray, h0: np.ndarray, p: dict, variante: str = "estandar", C0: np.ndarray | None = None,
             guardar: bool = True):
    """Recorre la secuencia.

    Formas: x (n_x, m, T), h0 (n_h, m), C0 (n_h, m) o None (ceros) → ``(H, cache)`` con
    H (n_h, m, T) los estados ocultos después de cada paso; ``cache`` sirve a :func:`atras`.
    Con ``guardar=False`` (solo predecir, como ``torch.no_grad``) no guarda las compuertas de cada
    paso, reutiliza los mismos arreglos y devuelve ``cache=None``.
    """
    bloques(variante)  # valida el nombre de la variante
    W, b = p["W"], p["b"]
    dtype = W.dtype
    n_x, m, T = x.shape
    n_h = h0.shape[0]
    R = W.shape[0]
    ns = R - n_h  # renglones sigmoides (todos menos C̃, que va al final)
    o0 = ns - n_h  # inicio de la compuerta de salida
    mirilla, acoplada = variante == "mirilla", variante == "acoplada"
    # σ(z) = ½ tanh(z/2) + ½: escalamos por ½ los renglones sigmoides para hacer un solo tanh.
    # [W | b] actúa sobre [h_{t-1}; x_t; 1]; por dentro C̃ va antes de las sigmoides (ver B).
    medio = np.array(0.5, dtype=dtype)  # arreglo de 0 dimensiones: numpy lo despacha más rápido que un escalar
    W_todo = np.empty((R, W.shape[1] + 1), dtype=dtype)
    W_todo[:n_h, :-1], W_todo[:n_h, -1:] = W[ns:], b[ns:]
    np.multiply(W[:ns], medio, out=W_todo[n_h:, :-1])
    np.multiply(b[:ns], medio, out=W_todo[n_h:, -1:])
    # Los renglones se parten en bloques iguales: un solo matmul apilado hace un producto por bloque,
    # más rápido con OpenBLAS que uno de R renglones.
    bloque = RENGLONES_POR_PRODUCTO if R % RENGLONES_POR_PRODUCTO == 0 else R
    W_bloques = W_todo.reshape(R // bloque, bloque, -1)
    # Z[t] = [h_{t-1}; x_t; 1]: un solo producto por paso da todas las compuertas con su entrada y
    # su sesgo, sin sumas aparte; h_t se escribe directo en Z[t+1] y de ahí lo lee el paso siguiente.
    Z = np.empty((T + 1, n_h + n_x + 1, m), dtype=dtype)
    Z[0, :n_h] = h0
    for i in range(0, n_x, 4):  # de cuatro en cuatro renglones de x la copia transpuesta cabe en la caché
        Z[:T, n_h + i:n_h + min(i + 4, n_x)] = x[i:i + 4].transpose(2, 0, 1)
    Z[:, n_h + n_x] = 1.0
    # B[t] = [C_{t-1}; C̃; sigmoides (f, i, o; en la acoplada f, o)] del paso t: C̃ y las sigmoides se activan con un
    # solo tanh, y f⊙C_{t-1}, i⊙C̃ salen de UNA multiplicación de [f; i] por [C_{t-1}; C̃], bloques contiguos.
    # Sin guardar, dos arreglos se turnan (el paso t escribe C_t en el otro) y sirven a todos los pasos.
    B = np.empty((T + 1 if guardar else 2, R + n_h, m), dtype=dtype)
    B[0, :n_h] = 0.0 if C0 is None else C0
    TC = np.empty((T, n_h, m), dtype=dtype) if guardar else None  # tanh(C_t)
    P = np.empty((2 * n_h, m), dtype=dtype)
    ks = o0 if mirilla else ns  # sigmoides activadas al principio del paso
    sg = 2 * n_h  # inicio de las sigmoides en B

    def vistas(a, siguiente):
        """Vistas del paso que escribe sus compuertas en ``a`` y C_t en ``siguiente``."""
        # Con mirillas, o espera a C_t: un tanh para C̃, f, i y otro para o.
        return (a[n_h:].reshape(W_bloques.shape[0], bloque, m), a[n_h:sg + ks], a[sg:sg + ks], a[sg:sg + 2 * n_h],
                a[:2 * n_h], a[:n_h], siguiente[:n_h], a[sg:sg + n_h], a[n_h:sg], a[sg + o0:], a[sg:sg + o0])

    # Vistas de cada paso hechas antes del ciclo: dentro solo quedan las operaciones.
    if guardar:
        por_paso = [vistas(B[t], B[t + 1]) for t in range(T)]
    else:
        turnos = (vistas(B[0], B[1]), vistas(B[1], B[0]))
        por_paso = [turnos[t % 2] for t in range(T)]
    # Sin guardar, tanh(C_t) se escribe donde va h_t y ahí mismo se multiplica por o.
    pasos = zip(Z[:T], Z[1:, :n_h], TC if guardar else Z[1:, :n_h], por_paso)
    matmul, dot, tanh, multiply, add, subtract = np.matmul, np.dot, np.tanh, np.multiply, np.add, np.subtract
    P_f, P_i = P[:n_h], P[n_h:]
    if mirilla:
        V_fi = np.ascontiguousarray(0.5 * p["V"][:2 * n_h])
        V_o = np.ascontiguousarray(0.5 * p["V"][2 * n_h:])
        temp = np.empty((2 * n_h, m), dtype=dtype)
    for z, h, tc, (a_bloques, a, s, fi, cg, cp, c, f, g, o, a_fi) in pasos:
        matmul(W_bloques, z, a_bloques)
        if mirilla:
            a_fi += dot(V_fi, cp, temp)
        tanh(a, a)
        multiply(s, medio, s)
        add(s, medio, s)
        if acoplada:
            # C_t = f⊙C_{t-1} + (1 − f)⊙C̃ = C̃ + f⊙(C_{t-1} − C̃)
            subtract(cp, g, c)
            c *= f
            c += g
        else:
            multiply(fi, cg, P)  # [f⊙C_{t-1}; i⊙C̃]
            add(P_f, P_i, c)
        if mirilla:
            o += dot(V_o, c, P_f)
            tanh(o, o)
            multiply(o, medio, o)
            add(o, medio, o)
        multiply(o, tanh(c, tc), h)
    H = Z[1:, :n_h].transpose(1, 2, 0)
    if not guardar:
        return H, None
    return H, {"Z": Z, "A": B[:T, sg:], "G": B[:T, n_h:sg], "Cs": B[:, :n_h], "TC": TC, "variante": variante}


#: Números por arreglo de un bloque de tiempo en :func:`atras` (n_h·m por paso): el bloque cabe en la caché.
ELEMENTOS_POR_BLOQUE = 65536


def atras(dH: np.ndarray, cache: dict, p: dict, dC_T: np.ndarray | None = None):
    """Retropropagación en el tiempo.

    Formas: dH (n_h, m, T) = ∂L/∂H (de la pérdida, sin la recurrencia), ``dC_T`` (n_h, m) o None →
    ``(grads, dx, dh0, dC0)`` con ``grads`` de las mismas claves y formas que ``p``, dx (n_x, m, T).

    Recorre el tiempo hacia atrás por bloques de pasos (ver :data:`ELEMENTOS_POR_BLOQUE`): para cada bloque
    calcula de una vez las derivadas locales, recorre sus pasos y acumula los gradientes de los
    pesos y ∂L/∂x con un producto por bloque, reutilizando los mismos arreglos.
    """
    variante = cache["variante"]
    Z, A, G, Cs, TC = cache["Z"], cache["A"], cache["G"], cache["Cs"], cache["TC"]
    T, n_h, m = TC.shape
    W = p["W"]
    dtype = W.dtype
    R, K = W.shape[0], Z.shape[1]
    n_x = K - 1 - n_h
    ns = R - n_h
    o0 = ns - n_h
    na = o0 // n_h
    mirilla, acoplada = variante == "mirilla", variante == "acoplada"
    W_hT = np.ascontiguousarray(W[:, :n_h].T)
    W_xT = np.ascontiguousarray(W[:, n_h:].T)
    bk = max(1, min(T, ELEMENTOS_POR_BLOQUE // (n_h * m)))
    # Derivadas locales de un bloque: ∂h/∂z_o = tanh(C)·o(1−o), ∂h/∂C = o(1 − tanh²C),
    # ∂C/∂z de f (e i) y de C̃ (por dC).
    Po, Ko, Qg = (np.empty((bk, n_h, m), dtype=dtype) for _ in range(3))
    Qa = np.empty((bk, o0, m), dtype=dtype)
    dHb = np.empty((bk, n_h, m), dtype=dtype)
    dZb = np.empty((R, bk, m), dtype=dtype)  # ∂L/∂z del bloque, por renglón: un solo producto para ∂W
    Zb = np.empty((K, bk, m), dtype=dtype)
    dW, temp_W = np.zeros((R, K), dtype=dtype), np.empty((R, K), dtype=dtype)
    dxT = np.empty((T, n_x, m), dtype=dtype)
    dh = np.zeros((n_h, m), dtype=dtype)
    dc = np.zeros((n_h, m), dtype=dtype) if dC_T is None else np.array(dC_T, dtype=dtype)
    if mirilla:
        V_fiT = np.ascontiguousarray(p["V"][:2 * n_h].T)
        V_oT = np.ascontiguousarray(p["V"][2 * n_h:].T)
        temp = np.empty((n_h, m), dtype=dtype)
        Cb = np.empty((n_h, bk + 1, m), dtype=dtype)
        dV, temp_V = np.zeros((3 * n_h, n_h), dtype=dtype), np.empty((3 * n_h, n_h), dtype=dtype)
    dH = np.asarray(dH, dtype=dtype)
    for inicio in range((T - 1) // bk * bk, -1, -bk):
        L = min(bk, T - inicio)
        k = slice(inicio, inicio + L)
        po, ko, qa, qg = Po[:L], Ko[:L], Qa[:L], Qg[:L]
        o, tc, f, g, cp = A[k, o0:ns], TC[k], A[k, :n_h], G[k], Cs[k]
        np.subtract(1, o, out=po)
        po *= o
        po *= tc
        np.multiply(tc, tc, out=ko)
        np.subtract(1, ko, out=ko)
        ko *= o
        qf = qa[:, :n_h]
        np.subtract(1, f, out=qf)
        qf *= f
        np.multiply(g, g, out=qg)
        np.subtract(1, qg, out=qg)
        if acoplada:
            qf *= cp - g
            qg *= 1 - f
        else:
            i = A[k, n_h:2 * n_h]
            qf *= cp
            qi = qa[:, n_h:]
            np.subtract(1, i, out=qi)
            qi *= i
            qi *= g
            qg *= i
        dHb[:L] = dH[:, :, k].transpose(2, 0, 1)
        for j in range(L - 1, -1, -1):
            t = inicio + j
            dh += dHb[j]
            dz = dZb[:, j]
            np.multiply(dh, po[j], out=dz[o0:ns])
            dh *= ko[j]
            dc += dh
            if mirilla:
                dc += np.matmul(V_oT, dz[o0:ns], out=temp)
            np.multiply(qa[j].reshape(na, n_h, m), dc, out=dz[:o0].reshape(na, n_h, m))
            np.multiply(qg[j], dc, out=dz[ns:])
            dc *= A[t, :n_h]
            if mirilla:
                dc += np.matmul(V_fiT, dz[:o0], out=temp)
            np.matmul(W_hT, dz, out=dh)
        # Gradientes del bloque: la columna de unos de Z da ∂L/∂b.
        dz_b = dZb[:, :L].reshape(R, L * m)
        Zb[:, :L] = Z[k].transpose(1, 0, 2)
        dW += np.matmul(dz_b, Zb[:, :L].reshape(K, L * m).T, out=temp_W)
        dxT[k] = np.matmul(W_xT, dz_b).reshape(n_x, L, m).transpose(1, 0, 2)
        if mirilla:
            Cb[:, :L + 1] = Cs[inicio:inicio + L + 1].transpose(1, 0, 2)
            np.matmul(dz_b[:o0], Cb[:, :L].reshape(n_h, L * m).T, out=temp_V[:o0])
            np.matmul(dz_b[o0:ns], Cb[:, 1:L + 1].reshape(n_h, L * m).T, out=temp_V[o0:])
            dV += temp_V
    grads = {"W": dW[:, :-1], "b": dW[:, -1:]}
    if mirilla:
        grads["V"] = dV
    return grads, dxT.transpose(1, 2, 0), dh, dc
